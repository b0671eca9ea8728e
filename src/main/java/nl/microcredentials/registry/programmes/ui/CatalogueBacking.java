package nl.microcredentials.registry.programmes.ui;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nl.microcredentials.registry.institutions.boundary.InstitutionView;
import nl.microcredentials.registry.institutions.boundary.Institutions;
import nl.microcredentials.registry.platform.rest.Page;
import nl.microcredentials.registry.platform.rest.PageRequest;
import nl.microcredentials.registry.platform.rest.RegistryException;
import nl.microcredentials.registry.platform.web.Formats;
import nl.microcredentials.registry.platform.web.Messages;
import nl.microcredentials.registry.programmes.boundary.ProgrammeView;
import nl.microcredentials.registry.programmes.boundary.Programmes;
import nl.microcredentials.registry.programmes.control.NlqfLevel;
import nl.microcredentials.registry.programmes.control.ProgrammeSearch;
import nl.microcredentials.registry.programmes.entity.Participation;

/**
 * catalogue/index.xhtml: the public catalogue. Its search form is a plain GET form, so every search is a link an
 * employer or a learner can share; the filters are the API's. A filter that cannot be used (an EC bound that is not a
 * number, an unknown level, institution, language or form of participation, a page that does not exist) is ignored:
 * the search runs with the other filters, and the page says in words what was ignored. The choices of each filter are
 * the values that find programmes, with their counts.
 */
@Named
@RequestScoped
public class CatalogueBacking {

    static final int PAGE_SIZE = 20;
    static final int MAX_QUERY = 200;

    @Inject
    Programmes programmes;

    @Inject
    Institutions institutions;

    /** One choice of a filter: its value, its label and how many programmes the search finds with it. */
    public record Choice(String value, String label, long count, boolean selected) { }

    private String q;
    private String institution;
    private String nlqfLevel;
    private String language;
    private String participation;
    private String minEcts;
    private String maxEcts;
    private String pageParam;
    private int page = 1;
    private Page<ProgrammeView> result;
    private nl.microcredentials.registry.programmes.boundary.Facets facets;
    private List<InstitutionView> members;
    private final List<String> ignored = new ArrayList<>();

    public void search() {
        ignored.clear();
        q = blank(q);
        if (q != null && q.length() > MAX_QUERY) {
            ignore("q", q.substring(0, 40) + "...", "catalogue.ignored.tooLong");
            q = null;
        }
        institution = blank(institution);
        if (institution != null && getInstitutions().stream().noneMatch(i -> i.code().equals(institution))) {
            ignore("institution", institution, "catalogue.ignored.unknown");
            institution = null;
        }
        nlqfLevel = blank(nlqfLevel);
        if (nlqfLevel != null && NlqfLevel.parse(nlqfLevel).isEmpty()) {
            ignore("nlqfLevel", nlqfLevel, "catalogue.ignored.unknown");
            nlqfLevel = null;
        }
        language = blank(language);
        if (language != null && !language.matches("[a-z]{2,3}")) {
            ignore("language", language, "catalogue.ignored.unknown");
            language = null;
        }
        participation = blank(participation);
        if (participation != null && Arrays.stream(Participation.values()).noneMatch(x -> x.name().equals(participation))) {
            ignore("participation", participation, "catalogue.ignored.unknown");
            participation = null;
        }
        BigDecimal min = decimal("minEcts", minEcts);
        if (min == null) minEcts = null;
        BigDecimal max = decimal("maxEcts", maxEcts);
        if (max == null) maxEcts = null;
        page = 1;
        if (blank(pageParam) != null) {
            try {
                page = Integer.parseInt(pageParam.strip());
                if (page < 1) throw new NumberFormatException();
            } catch (NumberFormatException e) {
                ignore("page", pageParam, "catalogue.ignored.page");
                page = 1;
            }
        }
        try {
            run(min, max);
            if (result.items().isEmpty() && result.totalItems() > 0 && page > 1) {
                ignore("page", String.valueOf(page), "catalogue.ignored.page");
                page = 1;
                run(min, max);
            }
        } catch (RegistryException e) {
            result = null;
            facets = null;
            Messages.show(e, "search");
        }
    }

    private void run(BigDecimal min, BigDecimal max) {
        var filter = new ProgrammeSearch.Filter(institution, q, nlqfLevel, null, min, max, language, participation, "PUBLISHED", null);
        result = programmes.list(filter, new PageRequest(page, PAGE_SIZE, filter.hasText() ? "-relevance" : "title"));
        facets = programmes.facets(filter);
    }

    private void ignore(String field, String value, String reasonKey) {
        ignored.add(Messages.text("catalogue.ignored", Messages.fieldMessages().label(field), value, Messages.text(reasonKey)));
    }

    /** What the search ignored, in words ("Minimum EC \u201cabc\u201d was ignored: it is not a number."). */
    public List<String> getIgnored() { return ignored; }

    public List<InstitutionView> getInstitutions() {
        if (members == null) {
            members = institutions.list(new Institutions.Filter(null, true, null), new PageRequest(1, PageRequest.MAX_PAGE_SIZE, "name")).items();
        }
        return members;
    }

    public List<String> getNlqfLevels() { return NlqfLevel.codes(); }

    /** The institutions that have programmes among what the other filters find (and the one chosen). */
    public List<Choice> getInstitutionChoices() {
        List<Choice> choices = new ArrayList<>();
        for (InstitutionView i : getInstitutions()) choice(choices, i.code(), i.name(), "institution", institution);
        return choices;
    }

    /** The NLQF levels of what the other filters find, in the framework's order (and the one chosen). */
    public List<Choice> getNlqfChoices() {
        List<Choice> choices = new ArrayList<>();
        Formats formats = new Formats();
        for (String level : NlqfLevel.codes()) choice(choices, level, formats.nlqf(level), "nlqfLevel", nlqfLevel);
        return choices;
    }

    /** The languages of what the other filters find, by name (and the one chosen). */
    public List<Choice> getLanguageChoices() {
        List<Choice> choices = new ArrayList<>();
        Formats formats = new Formats();
        List<String> codes = new ArrayList<>();
        if (facets != null) facets.language().forEach(c -> codes.add(c.value()));
        if (language != null && !codes.contains(language)) codes.add(language);
        for (String code : codes) choice(choices, code, formats.language(code), "language", language);
        choices.sort(java.util.Comparator.comparing(Choice::label));
        return choices;
    }

    /** The forms of participation of what the other filters find (and the one chosen). */
    public List<Choice> getParticipationChoices() {
        List<Choice> choices = new ArrayList<>();
        for (Participation x : Participation.values()) choice(choices, x.name(), Messages.text("participation." + x.name()), "participation", participation);
        return choices;
    }

    private void choice(List<Choice> choices, String value, String label, String dimension, String chosen) {
        long count = count(dimension, value);
        boolean selected = value.equals(chosen);
        if (count > 0 || selected) choices.add(new Choice(value, label, count, selected));
    }

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

    /** An EC bound; one that is not a usable number is ignored (and said so). */
    private BigDecimal decimal(String field, String s) {
        if (blank(s) == null) return null;
        try {
            BigDecimal value = new BigDecimal(s.trim());
            if (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(1000)) > 0) {
                ignore(field, s.trim(), "catalogue.ignored.range");
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            ignore(field, s.trim(), "catalogue.ignored.number");
            return null;
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
    public String getPageParam() { return pageParam; }
    public void setPageParam(String pageParam) { this.pageParam = pageParam; }
    public int getPage() { return page; }
    public void setPage(int page) { this.page = page; }
}
