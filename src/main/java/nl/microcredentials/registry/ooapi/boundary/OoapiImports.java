package nl.microcredentials.registry.ooapi.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import nl.microcredentials.registry.institutions.entity.Institution;
import nl.microcredentials.registry.ooapi.control.CourseImport;
import nl.microcredentials.registry.ooapi.control.OoapiClient;
import nl.microcredentials.registry.ooapi.entity.ImportedCourse;
import nl.microcredentials.registry.ooapi.entity.OoapiSource;
import nl.microcredentials.registry.ooapi.entity.OoapiSync;
import nl.microcredentials.registry.ooapi.entity.OoapiSyncItem;
import nl.microcredentials.registry.platform.rest.ETags;
import nl.microcredentials.registry.platform.rest.FieldError;
import nl.microcredentials.registry.platform.rest.RegistryException;
import nl.microcredentials.registry.platform.security.Caller;
import nl.microcredentials.registry.programmes.boundary.Programmes;
import nl.microcredentials.registry.programmes.control.ProgrammeDraft;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The import of programmes from an institution's own OOAPI v5 endpoint, as its admin and the coordinators see it: the
 * source (its admin sets it; coordinators read it), starting a sync (its admin), the syncs and their reports, and the
 * admin's choice on a conflict. The syncs themselves run in the background ({@link OoapiSyncWorker}).
 */
@ApplicationScoped
@Transactional
public class OoapiImports {

    /** The syncs kept per institution; older ones are removed with their items. */
    public static final int KEPT_SYNCS = 20;

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    Programmes programmes;

    @Schema(name = "OoapiSource", description = "An institution's own Open Education API v5 endpoint, from which the registry imports its courses as programme drafts")
    public record SourceView(@Schema(example = "tu-delft") String institution,
                             @Schema(example = "https://api.tudelft.nl/ooapi/v5") String baseUrl,
                             @Schema(description = "the consumer key sent as ?consumer=, if any", example = "rio") String consumer,
                             Instant lastSyncAt, int version, Instant createdAt, Instant updatedAt) implements java.io.Serializable { }

    @Schema(name = "OoapiSourceInput")
    public record SourceInput(@Schema(required = true, example = "https://api.tudelft.nl/ooapi/v5") String baseUrl,
                              @Schema(example = "rio") String consumer) { }

    @Schema(name = "OoapiSyncItem", description = "What a sync did with one course")
    public record ItemView(int position, String courseId, String title,
                           @Schema(enumeration = {"CREATED", "UPDATED", "UNCHANGED", "REFUSED", "CONFLICT"}) String outcome,
                           String programmeId, List<FieldError> reasons,
                           @Schema(description = "a conflict's settlement", enumeration = {"REGISTRY", "REMOTE"}) String resolution,
                           Instant resolvedAt) implements java.io.Serializable { }

    @Schema(name = "OoapiSync", description = "A sync and its report; items only in the report of one sync")
    public record SyncView(String id, String institution,
                           @Schema(enumeration = {"QUEUED", "RUNNING", "SUCCEEDED", "FAILED"}) String status,
                           @Schema(enumeration = {"MANUAL", "NIGHTLY"}) String trigger, String requestedBy, String baseUrl, String consumer,
                           int pages, int items, int created, int updated, int unchanged, int refused, int conflicts,
                           @Schema(description = "why a FAILED sync stopped (timeout, too large, malformed JSON, not a page, refused address...)") String failure,
                           Instant queuedAt, Instant startedAt, Instant finishedAt, Long durationMillis, List<ItemView> itemOutcomes) implements java.io.Serializable { }

    // ---- the source ------------------------------------------------------------------------------

    public Optional<SourceView> source(String code) {
        institution(code);
        requireReader(code);
        return find(code).map(OoapiImports::view);
    }

    public SourceView setSource(String code, SourceInput input, OptionalInt ifMatch) {
        Institution institution = institution(code);
        requireAdmin(code);
        if (input == null) throw RegistryException.invalid("baseUrl", "is required");
        List<FieldError> errors = new ArrayList<>();
        OoapiClient.problem(input.baseUrl()).ifPresent(p -> errors.add(new FieldError("baseUrl", p)));
        String consumer = input.consumer() == null || input.consumer().isBlank() ? null : input.consumer().trim().toLowerCase(Locale.ROOT);
        if (consumer != null && !consumer.matches("[a-z0-9._-]{1," + OoapiSource.CONSUMER_MAX + "}")) {
            errors.add(new FieldError("consumer", "must be a consumer key of at most " + OoapiSource.CONSUMER_MAX + " letters, digits, '.', '_' or '-' (e.g. rio)"));
        }
        if (!errors.isEmpty()) throw RegistryException.invalid(errors);
        String url = input.baseUrl().trim();
        Optional<OoapiSource> existing = find(code);
        OoapiSource source;
        if (existing.isPresent()) {
            source = existing.get();
            ETags.check(ifMatch, source.getVersion());
            source.change(url, consumer);
            source.changed();
        } else {
            source = new OoapiSource(institution, url, consumer);
            em.persist(source);
        }
        em.flush();
        return view(source);
    }

    public void removeSource(String code) {
        institution(code);
        requireAdmin(code);
        OoapiSource source = find(code).orElseThrow(() -> RegistryException.notFound("OOAPI source of", code));
        em.remove(source);
    }

    // ---- syncs ------------------------------------------------------------------------------------

    /** Queues a sync of the institution's source (its admin); 409 while another one is queued or running. */
    public SyncView startSync(String code) {
        Institution institution = institution(code);
        requireAdmin(code);
        if (!institution.isActive()) throw RegistryException.forbidden("Institution '" + code + "' is not an active member of the pilot");
        OoapiSource source = find(code).orElseThrow(() -> RegistryException.conflict(
                "Institution '" + code + "' has no OOAPI endpoint: set one first (PUT .../ooapi-source)", List.of()));
        if (hasOpenSync(institution)) throw openSync(code);
        OoapiSync sync = new OoapiSync(institution, OoapiSync.Trigger.MANUAL, caller.name(), source.getBaseUrl(), source.getConsumer());
        em.persist(sync);
        try {
            em.flush(); // the unique open-sync key: a concurrent start on another instance fails here
        } catch (jakarta.persistence.PersistenceException e) {
            throw openSync(code);
        }
        return view(sync, null);
    }

    private boolean hasOpenSync(Institution institution) {
        return !em.createQuery("SELECT s.id FROM OoapiSync s WHERE s.institution = :i AND s.status IN :open", String.class)
                .setParameter("i", institution).setParameter("open", List.of(OoapiSync.Status.QUEUED, OoapiSync.Status.RUNNING))
                .setMaxResults(1).getResultList().isEmpty();
    }

    private static RegistryException openSync(String code) {
        return new RegistryException(409, "conflict", "Conflict", "A sync of '" + code + "' is already queued or running; wait for its report",
                null, null);
    }

    /** The institution's last syncs, newest first (without their items). */
    public List<SyncView> syncs(String code) {
        institution(code);
        requireReader(code);
        return em.createNamedQuery(OoapiSync.OF_INSTITUTION, OoapiSync.class).setParameter("code", code).setMaxResults(KEPT_SYNCS)
                .getResultStream().map(s -> view(s, null)).toList();
    }

    /** One sync's report with its items (all, or those of one outcome). */
    public SyncView report(String code, String id, String outcome) {
        institution(code);
        requireReader(code);
        OoapiSync sync = sync(code, id);
        OoapiSyncItem.Outcome filter = null;
        if (outcome != null && !outcome.isBlank()) {
            try {
                filter = OoapiSyncItem.Outcome.valueOf(outcome.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw RegistryException.invalid("outcome", "must be one of CREATED, UPDATED, UNCHANGED, REFUSED, CONFLICT");
            }
        }
        List<OoapiSyncItem> items = filter == null
                ? em.createNamedQuery(OoapiSyncItem.OF_SYNC, OoapiSyncItem.class).setParameter("sync", sync).getResultList()
                : em.createNamedQuery(OoapiSyncItem.OF_SYNC_OUTCOME, OoapiSyncItem.class).setParameter("sync", sync)
                        .setParameter("outcome", filter).getResultList();
        return view(sync, items.stream().map(OoapiImports::view).toList());
    }

    /**
     * The admin's choice on a conflict: keep the registry's content (the remote content counts as imported, so the next
     * sync sees no change until the endpoint changes again) or take the remote content (as a draft, never published).
     */
    public ItemView resolve(String code, String id, String courseId, String keep) {
        institution(code);
        requireAdmin(code);
        if (keep == null || !(keep.equals("registry") || keep.equals("remote"))) {
            throw RegistryException.invalid("keep", "must be registry or remote");
        }
        OoapiSync sync = sync(code, id);
        OoapiSyncItem item = em.createNamedQuery(OoapiSyncItem.CONFLICT, OoapiSyncItem.class).setParameter("sync", sync)
                .setParameter("courseId", courseId).getResultStream().findFirst()
                .orElseThrow(() -> RegistryException.notFound("Conflict", courseId));
        if (item.getResolution() != null || item.getRemoteContent() == null) {
            throw RegistryException.conflict("This conflict was settled already (" + item.getResolution() + ")", List.of());
        }
        ImportedCourse imported = em.createNamedQuery(ImportedCourse.BY_COURSE, ImportedCourse.class)
                .setParameter("institution", sync.getInstitution().getId()).setParameter("courseId", courseId)
                .getResultStream().findFirst().orElseThrow(() -> RegistryException.notFound("Imported course", courseId));
        String remote = item.getRemoteContent();
        if (keep.equals("remote")) {
            ProgrammeDraft draft = CourseImport.fromCanonical(remote);
            programmes.importDraft(code, imported.getProgrammeId(), draft);
        }
        imported.imported(remote, CourseImport.hash(remote));
        item.resolve(keep.equals("remote") ? OoapiSyncItem.Resolution.REMOTE : OoapiSyncItem.Resolution.REGISTRY, caller.name());
        sync.conflictResolved(keep.equals("remote"));
        em.flush();
        return view(item);
    }

    // ---- access ------------------------------------------------------------------------------------

    private Institution institution(String code) {
        return em.createNamedQuery(Institution.BY_CODE, Institution.class).setParameter("code", code).getResultStream().findFirst()
                .orElseThrow(() -> RegistryException.notFound("Institution", code));
    }

    /** Its admin, or a coordinator: reads. */
    private void requireReader(String code) {
        caller.requireInstitutionManager(code);
    }

    /** Only the institution's own admin changes its source and syncs. */
    private void requireAdmin(String code) {
        caller.requireAuthenticated();
        if (!(caller.isInstitutionAdmin() && caller.institution().orElse("").equals(code))) {
            throw RegistryException.forbidden("Only an admin of '" + code + "' may change its OOAPI import");
        }
    }

    private Optional<OoapiSource> find(String code) {
        return em.createNamedQuery(OoapiSource.OF_INSTITUTION, OoapiSource.class).setParameter("code", code).getResultStream().findFirst();
    }

    private OoapiSync sync(String code, String id) {
        OoapiSync sync = id == null ? null : em.find(OoapiSync.class, id);
        if (sync == null || !sync.getInstitution().getCode().equals(code)) throw RegistryException.notFound("Sync", id);
        return sync;
    }

    static SourceView view(OoapiSource s) {
        return new SourceView(s.getInstitution().getCode(), s.getBaseUrl(), s.getConsumer(), s.getLastSyncAt(), s.getVersion(),
                s.getCreatedAt(), s.getUpdatedAt());
    }

    static SyncView view(OoapiSync s, List<ItemView> items) {
        Long duration = s.getStartedAt() == null ? null
                : Duration.between(s.getStartedAt(), s.getFinishedAt() == null ? Instant.now() : s.getFinishedAt()).toMillis();
        return new SyncView(s.getId(), s.getInstitution().getCode(), s.getStatus().name(), s.getTrigger().name(), s.getRequestedBy(),
                s.getBaseUrl(), s.getConsumer(), s.getPages(), s.getItems(), s.getCreated(), s.getUpdated(), s.getUnchanged(),
                s.getRefused(), s.getConflicts(), s.getFailure(), s.getQueuedAt(), s.getStartedAt(), s.getFinishedAt(), duration, items);
    }

    static ItemView view(OoapiSyncItem i) {
        return new ItemView(i.getPosition(), i.getCourseId(), i.getTitle(), i.getOutcome().name(), i.getProgrammeId(), reasons(i.getReasons()),
                i.getResolution() == null ? null : i.getResolution().name(), i.getResolvedAt());
    }

    /** "field: message" lines back into field errors. */
    static List<FieldError> reasons(String text) {
        if (text == null || text.isBlank()) return List.of();
        List<FieldError> reasons = new ArrayList<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(": ");
            reasons.add(colon < 0 ? new FieldError("item", line) : new FieldError(line.substring(0, colon), line.substring(colon + 2)));
        }
        return reasons;
    }
}
