package nl.microcredentials.registry.ooapi.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import nl.microcredentials.registry.institutions.entity.Institution;
import nl.microcredentials.registry.ooapi.control.CourseMapping.Member;
import nl.microcredentials.registry.ooapi.control.CourseMapping.PublishedCourse;
import nl.microcredentials.registry.programmes.entity.Participation;
import nl.microcredentials.registry.programmes.entity.Programme;
import nl.microcredentials.registry.programmes.entity.ProgrammeVersion;

/**
 * The published catalogue as the Open Education API reads it: the newest published version of every programme that
 * was ever published (a withdrawn one with the day it ended), in one query per page whatever the page size.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class OoapiCatalogue {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    /** The filters of {@code /courses} and {@code /education-specifications}; {@code null} means "any". */
    public record CourseFilter(String organizationId, boolean withEducationOffererCode, String q, String courseCode,
                               String language, List<String> nlqfLevels, boolean otherLevels, Participation participation,
                               boolean descending, boolean byId) { }

    /** A page of items and whether another page follows. */
    public record Slice<T>(List<T> items, boolean hasNextPage) { }

    @PersistenceContext
    EntityManager em;

    public Slice<PublishedCourse> courses(CourseFilter f, int pageNumber, int pageSize) {
        StringBuilder jpql = new StringBuilder("SELECT v FROM ProgrammeVersion v JOIN FETCH v.programme p JOIN FETCH p.institution i "
                + "WHERE v.number = p.publishedVersion");
        Map<String, Object> parameters = new HashMap<>();
        if (f.organizationId() != null) { jpql.append(" AND i.id = :organization"); parameters.put("organization", f.organizationId()); }
        if (f.withEducationOffererCode()) jpql.append(" AND i.educationOffererCode IS NOT NULL");
        if (f.courseCode() != null) { jpql.append(" AND v.courseCode = :code"); parameters.put("code", f.courseCode()); }
        if (f.language() != null) { jpql.append(" AND :language MEMBER OF v.languages"); parameters.put("language", f.language()); }
        if (f.participation() != null) { jpql.append(" AND :participation MEMBER OF v.participation"); parameters.put("participation", f.participation()); }
        if (f.nlqfLevels() != null) {
            if (f.otherLevels()) jpql.append(" AND (v.nlqfLevel IS NULL OR v.nlqfLevel NOT IN :levels)");
            else jpql.append(" AND v.nlqfLevel IN :levels");
            parameters.put("levels", f.nlqfLevels());
        }
        if (f.q() != null) {
            jpql.append(" AND (LOWER(v.titleEn) LIKE :q OR LOWER(v.titleNl) LIKE :q OR LOWER(v.courseCode) LIKE :q)");
            parameters.put("q", "%" + f.q().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        String direction = f.descending() ? " DESC" : " ASC";
        jpql.append(f.byId() ? " ORDER BY p.id" + direction
                : " ORDER BY COALESCE(v.titleEn, v.titleNl)" + direction + ", p.id" + direction);
        TypedQuery<ProgrammeVersion> query = em.createQuery(jpql.toString(), ProgrammeVersion.class);
        parameters.forEach(query::setParameter);
        List<ProgrammeVersion> rows = query
                .setFirstResult((pageNumber - 1) * pageSize)
                .setMaxResults(pageSize + 1)
                .setHint("eclipselink.batch.type", "IN")
                .setHint("eclipselink.batch", "v.languages")
                .setHint("eclipselink.batch", "v.participation")
                .getResultList();
        boolean more = rows.size() > pageSize;
        List<PublishedCourse> items = rows.stream().limit(pageSize).map(v -> published(v, null)).toList();
        return new Slice<>(items, more);
    }

    /** The newest published version of a programme, and its earlier published versions (newest first) when asked. */
    public Optional<List<PublishedCourse>> course(String programmeId, boolean withTimeline) {
        Programme programme = em.find(Programme.class, programmeId);
        if (programme == null) return Optional.empty();
        List<ProgrammeVersion> versions = em.createNamedQuery(ProgrammeVersion.OF_PROGRAMME, ProgrammeVersion.class)
                .setParameter("programme", programme).getResultStream()
                .filter(v -> v.getPublishedAt() != null)
                .toList(); // newest first
        if (versions.isEmpty()) return Optional.empty();
        List<PublishedCourse> result = new ArrayList<>();
        result.add(published(versions.get(0), versions));
        if (withTimeline) {
            for (int k = 1; k < versions.size(); k++) {
                ProgrammeVersion v = versions.get(k);
                result.add(new PublishedCourse(programme.getId(), v.getNumber(), v.draft(), day(v.getPublishedAt()),
                        day(versions.get(k - 1).getPublishedAt()), member(programme.getInstitution())));
            }
        }
        return Optional.of(result);
    }

    public List<Member> members() {
        return em.createQuery("SELECT i FROM Institution i ORDER BY i.name, i.code", Institution.class).getResultStream()
                .map(OoapiCatalogue::member).toList();
    }

    public Optional<Member> member(String organizationId) {
        return Optional.ofNullable(em.find(Institution.class, organizationId)).map(OoapiCatalogue::member);
    }

    /**
     * The course of a version: valid from the programme's first publication (the current version) or the version's own
     * publication (an earlier one), until the programme was withdrawn.
     */
    private PublishedCourse published(ProgrammeVersion v, List<ProgrammeVersion> publishedNewestFirst) {
        Programme programme = v.getProgramme();
        Instant first = programme.getFirstPublishedAt();
        if (first == null && publishedNewestFirst != null) first = publishedNewestFirst.get(publishedNewestFirst.size() - 1).getPublishedAt();
        if (first == null || first.isAfter(v.getPublishedAt())) first = v.getPublishedAt();
        LocalDate validTo = programme.getWithdrawnAt() == null ? null : day(programme.getWithdrawnAt());
        if (validTo != null && !validTo.isAfter(day(first))) validTo = day(first).plusDays(1); // validTo is exclusive
        return new PublishedCourse(programme.getId(), v.getNumber(), v.draft(), day(first), validTo, member(programme.getInstitution()));
    }

    static Member member(Institution i) {
        return new Member(i.getOrganizationId(), i.getCode(), i.getName(), i.getSector(), i.getBrin(), i.getWebsite(),
                i.getEducationOffererCode(), i.getSchacHome());
    }

    private static LocalDate day(Instant at) {
        return at.atZone(ZONE).toLocalDate();
    }

    static Comparator<Member> byName() {
        return Comparator.comparing(Member::name, String.CASE_INSENSITIVE_ORDER).thenComparing(Member::code);
    }
}
