package nl.microcredentials.registry.agreements.ui;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.microcredentials.registry.agreements.boundary.AgreementView;
import nl.microcredentials.registry.agreements.boundary.Agreements;
import nl.microcredentials.registry.agreements.entity.AgreementStatus;
import nl.microcredentials.registry.institutions.boundary.Institutions;
import nl.microcredentials.registry.platform.rest.Page;
import nl.microcredentials.registry.platform.rest.PageRequest;

/** agreements.xhtml (public, no login): the recognition agreements in force between member institutions. */
@Named
@RequestScoped
public class PublicAgreementsBacking {

    @Inject
    Agreements agreements;

    @Inject
    Institutions institutions;

    private List<AgreementView> items = List.of();
    private Map<String, String> names = Map.of();

    @PostConstruct
    void init() {
        names = institutions.names();
        var filter = new Agreements.Filter(null, AgreementStatus.ACTIVE, null, null);
        List<AgreementView> all = new ArrayList<>();
        int number = 1;
        Page<AgreementView> page;
        do {
            page = agreements.list(filter, new PageRequest(number++, PageRequest.MAX_PAGE_SIZE, "title"));
            all.addAll(page.items());
        } while (page.hasNextPage() && number <= 40);
        items = all;
    }

    public String partyNames(List<String> codes) { return AgreementsBacking.names(names, codes); }
    public List<AgreementView> getItems() { return items; }
}
