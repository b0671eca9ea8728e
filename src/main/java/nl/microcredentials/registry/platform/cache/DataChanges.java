package nl.microcredentials.registry.platform.cache;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The persistence unit's default entity listener ({@code META-INF/orm.xml}): when an entity marked {@link CachedIn} is
 * inserted, updated or deleted, the transaction starts a new generation of its kinds of data, once just before it
 * commits and once after it committed. Nobody can store an answer under the new generation built from data of before
 * the commit: an answer built while the transaction commits is stored under the first new generation, which the
 * second one replaces. A caller who has the answer of its write therefore reads the change in its very next read, on
 * every instance. Rolled back work leaves only the (harmless) first new generation.
 */
public class DataChanges {

    private static final Logger LOG = Logger.getLogger(DataChanges.class.getName());

    private static final ClassValue<Generation[]> KINDS = new ClassValue<>() {
        @Override
        protected Generation[] computeValue(Class<?> type) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                CachedIn marked = c.getAnnotation(CachedIn.class);
                if (marked != null) return marked.value();
            }
            return new Generation[0];
        }
    };

    private static volatile TransactionSynchronizationRegistry transactions;
    private static volatile Grid grid;

    /** Entity callback (post-persist, post-update, post-remove). */
    public void changed(Object entity) {
        Generation[] kinds = KINDS.get(entity.getClass());
        if (kinds.length > 0) newGenerationsOnCommit(kinds);
    }

    /** For writes that bypass the entities (native SQL): new generations of these kinds when the transaction commits. */
    public static void newGenerationsOnCommit(Generation... kinds) {
        TransactionSynchronizationRegistry registry = registry();
        for (Generation kind : kinds) {
            if (registry == null || registry.getTransactionKey() == null) {
                bump(kind);
                continue;
            }
            Object marker = marker(kind);
            if (registry.getResource(marker) != null) continue;
            registry.putResource(marker, Boolean.TRUE);
            registry.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    bump(kind);
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) bump(kind);
                }
            });
        }
    }

    /** True when the current transaction changed data of this kind: what it reads is not yet everyone's to keep. */
    public static boolean changedInThisTransaction(Generation kind) {
        TransactionSynchronizationRegistry registry = registry();
        return registry != null && registry.getTransactionKey() != null && registry.getResource(marker(kind)) != null;
    }

    private static Object marker(Generation kind) {
        return DataChanges.class.getName() + "." + kind.name();
    }

    private static void bump(Generation kind) {
        try {
            grid().bump(kind);
        } catch (RuntimeException e) {
            // never fails the write; cached answers of this kind then expire with their time to live
            LOG.log(Level.SEVERE, "Could not start a new generation of " + kind + ": cached answers may be stale for up to "
                    + Grid.ANSWER_MINUTES + " minutes", e);
        }
    }

    private static Grid grid() {
        Grid g = grid;
        if (g == null) grid = g = CDI.current().select(Grid.class).get();
        return g;
    }

    private static volatile boolean warned;

    private static TransactionSynchronizationRegistry registry() {
        TransactionSynchronizationRegistry r = transactions;
        if (r == null) {
            try {
                transactions = r = (TransactionSynchronizationRegistry) new InitialContext().lookup("java:comp/TransactionSynchronizationRegistry");
            } catch (NamingException e) {
                // outside a container (unit tests) or on a thread without one's naming context: generations change at once
                if (!warned) LOG.log(Level.WARNING, "No transaction synchronization registry: generations change at once", e);
                warned = true;
            }
        }
        return r;
    }
}
