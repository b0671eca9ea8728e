package nl.microcredentials.registry.programmes.ui;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import nl.microcredentials.registry.institutions.boundary.InstitutionView;
import nl.microcredentials.registry.institutions.boundary.Institutions;
import nl.microcredentials.registry.platform.rest.Page;
import nl.microcredentials.registry.platform.rest.PageRequest;
import nl.microcredentials.registry.platform.rest.RegistryException;
import nl.microcredentials.registry.platform.web.Messages;
import nl.microcredentials.registry.programmes.boundary.ProgrammeView;
import nl.microcredentials.registry.programmes.boundary.Programmes;
import nl.microcredentials.registry.programmes.control.NlqfLevel;
import nl.microcredentials.registry.programmes.control.ProgrammeSearch;
import nl.microcredentials.registry.programmes.entity.Participation;

/**
 * catalogue/index.xhtml: the public catalogue. Its search form is a plain GET form, so every search is a link an
 * employer or a learner can share; the filters are the API's.
 */
@Named
@RequestScoped
public class CatalogueBacking {

    static final int PAGE_SIZE = 20;

    @Inject
    Programmes programmes;

    @Inject
    Institutions institutions;

    private String q;
    private String institution;
    private String nlqfLevel;
    private String language;
    private String participation;
    private String minEcts;
    private String maxEcts;
    private int page = 1;
    private Page<ProgrammeView> result;
    private nl.microcredentials.registry.programmes.boundary.Facets facets;

    public void search() {
        try {
            var filter = new ProgrammeSearch.Filter(blank(institution), blank(q), blank(nlqfLevel), null, decimal(minEcts), decimal(maxEcts),
                    blank(language), blank(participation), "PUBLISHED", null);
            result = programmes.list(filter, new PageRequest(Math.max(page, 1), PAGE_SIZE, filter.hasText() ? "-relevance" : "title"));
            facets = programmes.facets(filter);
        } catch (RegistryException e) {
            result = null;
            Messages.show(e, "search");
        }
    }

    public List<InstitutionView> getInstitutions() {
        return institutions.list(new Institutions.Filter(null, true, null), new PageRequest(1, PageRequest.MAX_PAGE_SIZE, "name")).items();
    }

    public List<String> getNlqfLevels() { return NlqfLevel.codes(); }

    /** How many programmes the search finds with this value of a dimension (institution, nlqfLevel, language, participation). */
    public long count(String dimension, String value) {
        if (facets == null) return 0;
        return switch (dimension) {
            case "institution" -> facets.countOf(facets.institution(), value);
            case "nlqfLevel" -> facets.countOf(facets.nlqfLevel(), value);
            case "language" -> facets.countOf(facets.language(), value);
            case "participation" -> facets.countOf(facets.participation(), value);
            default -> 0;
        };
    }

    public String join(List<String> values) {
        return values == null || values.isEmpty() ? "-" : String.join(", ", values);
    }
    public Participation[] getParticipations() { return Participation.values(); }
    public List<String> getLanguages() { return List.of("nl", "en", "de", "fr"); }

    /** The link to another page of the same search. */
    public String pageLink(int target) {
        StringBuilder link = new StringBuilder("?page=").append(target);
        append(link, "q", q);
        append(link, "institution", institution);
        append(link, "nlqfLevel", nlqfLevel);
        append(link, "language", language);
        append(link, "participation", participation);
        append(link, "minEcts", minEcts);
        append(link, "maxEcts", maxEcts);
        return link.toString();
    }

    private static void append(StringBuilder link, String name, String value) {
        if (value != null && !value.isBlank()) {
            link.append('&').append(name).append('=').append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static java.math.BigDecimal decimal(String s) {
        if (blank(s) == null) return null;
        try {
            return new java.math.BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            throw RegistryException.invalid("minEcts", "must be a number");
        }
    }

    public Page<ProgrammeView> getResult() { return result; }
    public String getQ() { return q; }
    public void setQ(String q) { this.q = q; }
    public String getInstitution() { return institution; }
    public void setInstitution(String institution) { this.institution = institution; }
    public String getNlqfLevel() { return nlqfLevel; }
    public void setNlqfLevel(String nlqfLevel) { this.nlqfLevel = nlqfLevel; }
    public String getLanguage() { return language; }
    public void setLanguage(String language) { this.language = language; }
    public String getParticipation() { return participation; }
    public void setParticipation(String participation) { this.participation = participation; }
    public String getMinEcts() { return minEcts; }
    public void setMinEcts(String minEcts) { this.minEcts = minEcts; }
    public String getMaxEcts() { return maxEcts; }
    public void setMaxEcts(String maxEcts) { this.maxEcts = maxEcts; }
    public int getPage() { return page; }
    public void setPage(int page) { this.page = page; }
}
