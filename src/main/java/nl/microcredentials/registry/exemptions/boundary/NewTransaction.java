package nl.microcredentials.registry.exemptions.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.function.Supplier;

/**
 * Runs work in a transaction of its own, committed when the work returns and rolled back when it throws: the two steps
 * of recording an exemption request ({@link Exemptions#record}), which must not share one.
 */
@ApplicationScoped
public class NewTransaction {

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public <T> T inNew(Supplier<T> work) {
        return work.get();
    }
}
