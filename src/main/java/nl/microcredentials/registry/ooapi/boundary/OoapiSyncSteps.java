package nl.microcredentials.registry.ooapi.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import nl.microcredentials.registry.institutions.entity.Institution;
import nl.microcredentials.registry.institutions.entity.Sector;
import nl.microcredentials.registry.ooapi.control.CourseImport;
import nl.microcredentials.registry.ooapi.entity.ImportedCourse;
import nl.microcredentials.registry.ooapi.entity.OoapiSource;
import nl.microcredentials.registry.ooapi.entity.OoapiSync;
import nl.microcredentials.registry.ooapi.entity.OoapiSyncItem;
import nl.microcredentials.registry.platform.rest.FieldError;
import nl.microcredentials.registry.programmes.boundary.Programmes;
import nl.microcredentials.registry.programmes.control.ProgrammeDraft;
import nl.microcredentials.registry.programmes.control.ProgrammeRules;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The steps of a sync, each in its own transaction ({@code REQUIRES_NEW}): claiming a queued sync (exactly one
 * instance of the cluster gets it: {@code FOR UPDATE SKIP LOCKED} on PostgreSQL and a conditional update everywhere),
 * importing one course (all of it or nothing of it), recording a refusal, reporting progress, finishing, and enqueueing
 * the nightly syncs once per cluster.
 */
@ApplicationScoped
public class OoapiSyncSteps {

    @Inject
    nl.microcredentials.registry.notifications.boundary.Outbox outbox;

    @PersistenceContext
    EntityManager em;

    @Inject
    Programmes programmes;

    @Inject
    ProgrammeRules rules;

    @Inject
    nl.microcredentials.registry.platform.persistence.OncePerDay oncePerDay;

    @Inject
    @ConfigProperty(name = "registry.db.url")
    String databaseUrl;

    /** A claimed sync, with what running it needs. */
    public record Claimed(String syncId, String institutionId, String institutionCode, Sector sector, String baseUrl, String consumer) { }

    /** The running counts of a sync. */
    public static final class Counts {
        public int pages;
        public int items;
        public int created;
        public int updated;
        public int unchanged;
        public int refused;
        public int conflicts;

        public void add(OoapiSyncItem.Outcome outcome) {
            switch (outcome) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
                case REFUSED -> refused++;
                case CONFLICT -> conflicts++;
            }
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Claimed> claim(String instance) {
        String select = "SELECT id FROM ooapi_sync WHERE status = 'QUEUED' ORDER BY queued_at LIMIT 1";
        if (databaseUrl.startsWith("jdbc:postgresql:")) select += " FOR UPDATE SKIP LOCKED";
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery(select).getResultList();
        if (ids.isEmpty()) return Optional.empty();
        String id = String.valueOf(ids.get(0));
        Instant now = now();
        // the guard that makes a claim exactly-once on any database: only a QUEUED row turns RUNNING
        int claimed = em.createQuery("UPDATE OoapiSync s SET s.status = :running, s.claimedBy = :by, s.startedAt = :now, s.heartbeatAt = :now,"
                        + " s.version = s.version + 1 WHERE s.id = :id AND s.status = :queued")
                .setParameter("running", OoapiSync.Status.RUNNING).setParameter("queued", OoapiSync.Status.QUEUED)
                .setParameter("by", instance).setParameter("now", now).setParameter("id", id).executeUpdate();
        if (claimed != 1) return Optional.empty();
        OoapiSync sync = em.find(OoapiSync.class, id);
        Institution i = sync.getInstitution();
        return Optional.of(new Claimed(sync.getId(), i.getId(), i.getCode(), i.getSector(), sync.getBaseUrl(), sync.getConsumer()));
    }

    /** Imports one mapped course: created, updated, unchanged, refused by the rules, or a conflict. All or nothing. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public OoapiSyncItem.Outcome apply(Claimed c, int position, CourseImport.Mapped mapped) {
        OoapiSync sync = em.getReference(OoapiSync.class, c.syncId());
        List<FieldError> errors = rules.validate(mapped.draft(), c.sector(), Locale.ENGLISH);
        if (!errors.isEmpty()) {
            em.persist(new OoapiSyncItem(sync, position, mapped.courseId(), mapped.title(), OoapiSyncItem.Outcome.REFUSED, null, lines(errors), null));
            return OoapiSyncItem.Outcome.REFUSED;
        }
        ProgrammeDraft content = CourseImport.normalized(mapped.draft());
        String canonical = CourseImport.canonical(content);
        ImportedCourse imported = em.createNamedQuery(ImportedCourse.BY_COURSE, ImportedCourse.class)
                .setParameter("institution", c.institutionId()).setParameter("courseId", mapped.courseId())
                .getResultStream().findFirst().orElse(null);
        OoapiSyncItem.Outcome outcome;
        String programmeId;
        String remote = null;
        if (imported == null) {
            programmeId = programmes.importDraft(c.institutionCode(), null, content).programmeId();
            em.persist(new ImportedCourse(c.institutionId(), mapped.courseId(), programmeId, canonical, CourseImport.hash(canonical)));
            outcome = OoapiSyncItem.Outcome.CREATED;
        } else if (imported.getContent().equals(canonical)) {
            programmeId = imported.getProgrammeId();
            outcome = OoapiSyncItem.Outcome.UNCHANGED;
        } else {
            programmeId = imported.getProgrammeId();
            Optional<ProgrammeDraft> current = programmes.latestContent(programmeId);
            if (current.isPresent() && !CourseImport.canonical(current.get()).equals(imported.getContent())) {
                // edited in the registry since its import, and changed remotely: the admin chooses
                outcome = OoapiSyncItem.Outcome.CONFLICT;
                remote = canonical;
            } else {
                programmes.importDraft(c.institutionCode(), programmeId, content);
                imported.imported(canonical, CourseImport.hash(canonical));
                outcome = OoapiSyncItem.Outcome.UPDATED;
            }
        }
        em.persist(new OoapiSyncItem(sync, position, mapped.courseId(), mapped.title(), outcome, programmeId, null, remote));
        return outcome;
    }

    /** Records a course that is not imported, with the reasons. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void refuse(String syncId, int position, String courseId, String title, List<FieldError> reasons) {
        em.persist(new OoapiSyncItem(em.getReference(OoapiSync.class, syncId), position, courseId, title, OoapiSyncItem.Outcome.REFUSED,
                null, lines(reasons), null));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void progress(String syncId, Counts n) {
        OoapiSync sync = em.find(OoapiSync.class, syncId);
        if (sync != null) sync.progress(n.pages, n.items, n.created, n.updated, n.unchanged, n.refused, n.conflicts);
    }

    /** Ends a sync, notes the time on its source, and keeps only the institution's last {@link OoapiImports#KEPT_SYNCS} syncs. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void finish(String syncId, String failure, Counts n) {
        OoapiSync sync = em.find(OoapiSync.class, syncId);
        if (sync == null) return;
        sync.progress(n.pages, n.items, n.created, n.updated, n.unchanged, n.refused, n.conflicts);
        sync.finish(failure == null ? OoapiSync.Status.SUCCEEDED : OoapiSync.Status.FAILED, failure);
        if (failure != null) outbox.importFailed(sync.getId());
        String code = sync.getInstitution().getCode();
        em.createNamedQuery(OoapiSource.OF_INSTITUTION, OoapiSource.class).setParameter("code", code).getResultStream()
                .findFirst().ifPresent(s -> s.synced(sync.getFinishedAt()));
        em.flush();
        prune(code);
    }

    private void prune(String code) {
        List<String> old = em.createQuery("SELECT s.id FROM OoapiSync s WHERE s.institution.code = :code AND s.activeInstitution IS NULL"
                        + " ORDER BY s.queuedAt DESC", String.class)
                .setParameter("code", code).setFirstResult(OoapiImports.KEPT_SYNCS).setMaxResults(500).getResultList();
        if (old.isEmpty()) return;
        em.createQuery("DELETE FROM OoapiSyncItem i WHERE i.sync.id IN :ids").setParameter("ids", old).executeUpdate();
        em.createQuery("DELETE FROM OoapiSync s WHERE s.id IN :ids").setParameter("ids", old).executeUpdate();
    }

    /** RUNNING syncs whose instance stopped reporting: FAILED, so that their institution can sync again. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int recoverStale(Instant before) {
        List<OoapiSync> stale = em.createNamedQuery(OoapiSync.STALE, OoapiSync.class).setParameter("before", before).getResultList();
        for (OoapiSync s : stale) {
            s.finish(OoapiSync.Status.FAILED, "interrupted: the instance running this sync stopped reporting");
            outbox.importFailed(s.getId());
        }
        return stale.size();
    }

    /**
     * Enqueues the nightly sync of every institution with a source (and no open sync) for that day, once per cluster:
     * the day is claimed with {@link OncePerDay} in this transaction, so the claim and the queued syncs commit together.
     * Returns the number queued, or -1 when the day was done already.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int enqueueNightly(LocalDate day) {
        if (!oncePerDay.claim("ooapi-sync", day)) return -1;
        int queued = 0;
        for (OoapiSource source : em.createNamedQuery(OoapiSource.ALL, OoapiSource.class).getResultList()) {
            Institution i = source.getInstitution();
            if (!i.isActive()) continue;
            boolean open = !em.createQuery("SELECT s.id FROM OoapiSync s WHERE s.institution = :i AND s.activeInstitution IS NOT NULL", String.class)
                    .setParameter("i", i).setMaxResults(1).getResultList().isEmpty();
            if (open) continue;
            em.persist(new OoapiSync(i, OoapiSync.Trigger.NIGHTLY, "nightly", source.getBaseUrl(), source.getConsumer()));
            queued++;
        }
        em.flush();
        return queued;
    }

    static String lines(List<FieldError> errors) {
        if (errors == null || errors.isEmpty()) return "item: could not be imported";
        return errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("\n"));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
