package nl.microcredentials.registry.programmes.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.microcredentials.registry.platform.rest.RegistryException;
import nl.microcredentials.registry.platform.security.Caller;
import nl.microcredentials.registry.programmes.control.BadgeClassComparison;
import nl.microcredentials.registry.programmes.control.ProgrammeDraft;
import nl.microcredentials.registry.programmes.entity.BadgeClassCheck;
import nl.microcredentials.registry.programmes.entity.Programme;
import nl.microcredentials.registry.programmes.entity.ProgrammeStatus;
import nl.microcredentials.registry.programmes.entity.ProgrammeVersion;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The checks of the edubadges badge classes that published programmes name: scheduled with a publication (in its
 * transaction, so a rolled back publication schedules nothing) and nightly, claimed by one instance at a time, and
 * read by the programme's staff, the coordinators and the verification answer.
 */
@ApplicationScoped
@Transactional
public class BadgeClassChecks {

    /** How long a claimed check stays with the instance that claimed it before another may take it over. */
    static final Duration LEASE = Duration.ofMinutes(5);

    @PersistenceContext
    EntityManager em;

    @Inject
    nl.microcredentials.registry.notifications.boundary.Outbox outbox;

    @Inject
    Caller caller;

    @Inject
    @ConfigProperty(name = "registry.db.url")
    String databaseUrl;

    /** A check as the API shows it. */
    public record View(String programmeId, int versionNumber, String badgeClassUrl, String status, List<Finding> findings,
                       String detail, Instant checkedAt, Instant dueAt) implements java.io.Serializable {
        /** Whether the institution and the coordinators should look at it. */
        public boolean warning() {
            return status.equals("DISAGREES") || status.equals("UNREACHABLE") || status.equals("INVALID");
        }
    }

    public record Finding(String field, String registered, String badgeClass) implements java.io.Serializable { }

    /** A claimed check: what to fetch and what to compare it with. */
    public record Claimed(String id, String programmeId, String badgeClassUrl, ProgrammeDraft registered) { }

    // ---- scheduling -------------------------------------------------------------------------------

    /** A published version names (or no longer names) a badge class: check it as soon as possible. */
    public void published(Programme programme, ProgrammeVersion version) {
        Optional<BadgeClassCheck> existing = locked(programme.getId());
        String url = version.getBadgeClassUrl();
        if (url == null || url.isBlank()) {
            existing.ifPresent(em::remove);
            return;
        }
        BadgeClassCheck check = existing.orElseGet(() -> {
            BadgeClassCheck created = new BadgeClassCheck(programme.getId());
            em.persist(created);
            return created;
        });
        check.schedule(version.getNumber(), url.trim(), now());
    }

    @Inject
    nl.microcredentials.registry.platform.persistence.OncePerDay oncePerDay;

    /**
     * The nightly round of {@code day}, by one instance of the cluster: the day's claim commits with the checks it
     * schedules, so an instance that dies in between leaves the day to another. -1 when another instance had it.
     */
    public int nightly(java.time.LocalDate day) {
        if (!oncePerDay.claim("badge-class-checks", day)) return -1;
        return scheduleAll();
    }

    /**
     * The nightly round: every published programme that names a badge class is due now (a programme published before
     * checks existed, or loaded as data, gets its first check too).
     */
    public int scheduleAll() {
        List<ProgrammeVersion> versions = em.createQuery("SELECT v FROM ProgrammeVersion v JOIN FETCH v.programme p "
                        + "WHERE p.status = :published AND v.badgeClassUrl IS NOT NULL AND v.number = p.publishedVersion", ProgrammeVersion.class)
                .setParameter("published", ProgrammeStatus.PUBLISHED).getResultList();
        Instant now = now();
        for (ProgrammeVersion v : versions) {
            BadgeClassCheck check = locked(v.getProgramme().getId()).orElseGet(() -> {
                BadgeClassCheck created = new BadgeClassCheck(v.getProgramme().getId());
                em.persist(created);
                return created;
            });
            check.schedule(v.getNumber(), v.getBadgeClassUrl().trim(), now);
        }
        return versions.size();
    }

    /**
     * Takes up to {@code limit} due checks for this instance: each moves a lease ahead in this transaction, so another
     * instance passes them by (PostgreSQL: {@code FOR UPDATE SKIP LOCKED}), and takes them over if this one dies.
     */
    public List<Claimed> claimDue(int limit) {
        boolean postgres = databaseUrl.startsWith("jdbc:postgresql:");
        @SuppressWarnings("unchecked")
        List<String> ids = em.createNativeQuery("select id from badge_class_check where due_at <= ?1 order by due_at"
                        + (postgres ? " limit " + limit + " for update skip locked" : " limit " + limit + " for update"))
                .setParameter(1, java.sql.Timestamp.from(now())).getResultList();
        List<Claimed> claimed = new ArrayList<>();
        for (String id : ids) {
            BadgeClassCheck check = em.find(BadgeClassCheck.class, id);
            if (check == null) continue;
            Programme programme = em.find(Programme.class, check.getProgrammeId());
            Optional<ProgrammeVersion> version = programme == null ? Optional.empty()
                    : em.createNamedQuery(ProgrammeVersion.NUMBER, ProgrammeVersion.class).setParameter("programme", programme)
                            .setParameter("number", check.getVersionNumber()).getResultStream().findFirst();
            if (version.isEmpty() || programme.getStatus() != ProgrammeStatus.PUBLISHED) {
                check.checked(check.getStatus(), check.getFindings(), check.getDetail(), check.getCheckedAt(), null);
                continue;
            }
            check.lease(now().plus(LEASE));
            claimed.add(new Claimed(id, check.getProgrammeId(), check.getBadgeClassUrl(), version.get().draft()));
        }
        return claimed;
    }

    public void agrees(String id) {
        record(id, BadgeClassCheck.Status.AGREES, List.of(), null);
    }

    public void disagrees(String id, List<BadgeClassComparison.Finding> findings) {
        record(id, BadgeClassCheck.Status.DISAGREES, findings, null);
    }

    public void unreachable(String id, String reason) {
        record(id, BadgeClassCheck.Status.UNREACHABLE, List.of(), reason);
    }

    public void invalid(String id, String reason) {
        record(id, BadgeClassCheck.Status.INVALID, List.of(), reason);
    }

    private void record(String id, BadgeClassCheck.Status status, List<BadgeClassComparison.Finding> findings, String detail) {
        BadgeClassCheck check = em.find(BadgeClassCheck.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        // gone, or scheduled anew while this check ran (a publication, a re-check: due now, no longer leased): that stands
        if (check == null || check.getDueAt() == null || !check.getDueAt().isAfter(now())) return;
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (var f : findings) {
            array.add(Json.createObjectBuilder().add("field", f.field()).add("registered", f.registered()).add("badgeClass", f.badgeClass()));
        }
        String json = array.build().toString();
        boolean news = status == BadgeClassCheck.Status.DISAGREES
                && (check.getStatus() != BadgeClassCheck.Status.DISAGREES || !json.equals(check.getFindings()));
        check.checked(status, json.length() > 4000 ? "[]" : json, detail, now(), null);
        // told once per finding: the nightly re-check of an unchanged mismatch writes nothing new
        if (news) outbox.badgeClassMismatch(check.getProgrammeId(), check.getVersionNumber(), json.length() > 3900 ? "[]" : json);
    }

    // ---- reading -----------------------------------------------------------------------------------

    /** The check of a programme, for its institution's staff and the coordinators (404 for others, as for a draft). */
    public Optional<View> of(String programmeId) {
        caller.requireAuthenticated();
        Programme programme = programmeId == null ? null : em.find(Programme.class, programmeId);
        if (programme == null || !(caller.isCoordinator() || caller.belongsTo(programme.getInstitution().getCode()))) {
            throw RegistryException.notFound("Programme", programmeId);
        }
        return find(programmeId).map(BadgeClassChecks::view);
    }

    /** The check as the public verification shows it (no staff check: the findings compare public data). */
    public Optional<View> publicView(String programmeId) {
        return find(programmeId).map(BadgeClassChecks::view);
    }

    /** Checks that need someone's attention: all for coordinators, the own institution's for its staff. */
    public List<View> warnings() {
        caller.requireAuthenticated();
        List<BadgeClassCheck.Status> statuses = List.of(BadgeClassCheck.Status.DISAGREES, BadgeClassCheck.Status.UNREACHABLE,
                BadgeClassCheck.Status.INVALID);
        var query = caller.isCoordinator()
                ? em.createNamedQuery(BadgeClassCheck.WITH_WARNINGS, BadgeClassCheck.class)
                : em.createNamedQuery(BadgeClassCheck.WITH_WARNINGS_OF_INSTITUTION, BadgeClassCheck.class)
                        .setParameter("code", caller.institution().orElse(""));
        return query.setParameter("statuses", statuses).setMaxResults(500).getResultStream().map(BadgeClassChecks::view).toList();
    }

    /** A re-check now, asked by the programme's institution admin. */
    public View recheck(String programmeId) {
        caller.requireAuthenticated();
        Programme programme = programmeId == null ? null : em.find(Programme.class, programmeId);
        if (programme == null || !(caller.isCoordinator() || caller.belongsTo(programme.getInstitution().getCode()))) {
            throw RegistryException.notFound("Programme", programmeId);
        }
        if (!caller.isCoordinator() && !caller.isInstitutionAdmin()) {
            throw RegistryException.forbidden("Only the institution's admin or a coordinator asks for a new check");
        }
        BadgeClassCheck check = locked(programmeId).orElseThrow(() -> RegistryException.conflict(
                "The programme names no badge class, or it was never published with one", List.of()));
        check.schedule(check.getVersionNumber(), check.getBadgeClassUrl(), now());
        return view(check);
    }

    private Optional<BadgeClassCheck> find(String programmeId) {
        return em.createNamedQuery(BadgeClassCheck.OF_PROGRAMME, BadgeClassCheck.class).setParameter("programme", programmeId)
                .getResultStream().findFirst();
    }

    /**
     * The check, locked for this transaction before it is changed: a user's publication or re-check waits for a
     * running check's short transaction instead of failing on its version (409), and the checker never overwrites a
     * newer schedule ({@link #record}).
     */
    private Optional<BadgeClassCheck> locked(String programmeId) {
        return em.createNamedQuery(BadgeClassCheck.OF_PROGRAMME, BadgeClassCheck.class).setParameter("programme", programmeId)
                .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst();
    }

    static View view(BadgeClassCheck c) {
        List<Finding> findings = new ArrayList<>();
        if (c.getFindings() != null && !c.getFindings().isBlank()) {
            try (var reader = Json.createReader(new StringReader(c.getFindings()))) {
                for (JsonObject o : reader.readArray().getValuesAs(JsonObject.class)) {
                    findings.add(new Finding(o.getString("field", ""), o.getString("registered", ""), o.getString("badgeClass", "")));
                }
            }
        }
        return new View(c.getProgrammeId(), c.getVersionNumber(), c.getBadgeClassUrl(), c.getStatus().name(), findings, c.getDetail(),
                c.getCheckedAt(), c.getDueAt());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
