package nl.microcredentials.registry.ooapi.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import nl.microcredentials.registry.ooapi.control.CourseImport;
import nl.microcredentials.registry.ooapi.control.OoapiClient;
import nl.microcredentials.registry.ooapi.control.SyncPolicy;
import nl.microcredentials.registry.ooapi.entity.OoapiSyncItem;
import nl.microcredentials.registry.platform.outbound.OutboundHttpClient;
import nl.microcredentials.registry.platform.rest.FieldError;
import nl.microcredentials.registry.platform.rest.RegistryException;
import nl.microcredentials.registry.programmes.control.PilotRules;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs the queued syncs: every few seconds each instance claims a QUEUED sync (exactly one instance gets it) and runs
 * it here, outside any transaction: it pages through the endpoint's {@code /courses} within the {@link SyncPolicy}'s
 * bounds, maps each course ({@link CourseImport}) and imports it in its own transaction ({@link OoapiSyncSteps#apply}).
 * A transport or format failure ends the sync FAILED with the reason; a course that cannot be imported is refused with
 * the reasons. It also enqueues the nightly syncs once per cluster and fails syncs whose instance died.
 * <p>
 * Configuration: {@code REGISTRY_OOAPI_ALLOW_PRIVATE_ADDRESSES} (false: only globally routable endpoints, as for
 * webhooks), {@code REGISTRY_OOAPI_SYNC_TIME} (HH:mm Europe/Amsterdam, default 02:30; {@code off} for none),
 * {@code REGISTRY_OOAPI_POLL_SECONDS} (default 3), {@code REGISTRY_OOAPI_MAX_PAGES} (200), {@code REGISTRY_OOAPI_MAX_ITEMS}
 * (10,000), {@code REGISTRY_OOAPI_DEADLINE_SECONDS} (900).
 */
@Singleton
@Startup
@jakarta.ejb.DependsOn("DatabaseMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OoapiSyncWorker {

    private static final Logger LOG = Logger.getLogger(OoapiSyncWorker.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    OoapiSyncSteps steps;

    @Inject
    PilotRules pilot;

    @Inject
    @ConfigProperty(name = "registry.ooapi.allow-private-addresses", defaultValue = "false")
    boolean allowPrivateAddresses;

    @Inject
    @ConfigProperty(name = "registry.ooapi.sync-time", defaultValue = "02:30")
    String syncTime;

    @Inject
    @ConfigProperty(name = "registry.ooapi.poll-seconds", defaultValue = "3")
    int pollSeconds;

    @Inject
    @ConfigProperty(name = "registry.ooapi.max-pages", defaultValue = "200")
    int maxPages;

    @Inject
    @ConfigProperty(name = "registry.ooapi.max-items", defaultValue = "10000")
    int maxItems;

    @Inject
    @ConfigProperty(name = "registry.ooapi.deadline-seconds", defaultValue = "900")
    int deadlineSeconds;

    private final String instance = "instance-" + UUID.randomUUID();
    private OutboundHttpClient http;
    private SyncPolicy policy;
    private ScheduledFuture<?> task;

    @PostConstruct
    void start() {
        http = new OutboundHttpClient(allowPrivateAddresses);
        SyncPolicy d = SyncPolicy.defaults();
        policy = new SyncPolicy(Math.max(1, maxPages), Math.max(1, maxItems), d.maxPageBytes(), d.maxRedirects(), d.maxSpecifications(),
                java.time.Duration.ofSeconds(Math.max(10, deadlineSeconds)), SyncPolicy.nightlyTime(syncTime));
        long every = Math.max(1, pollSeconds);
        task = scheduler.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) task.cancel(false);
        if (http != null) http.close();
    }

    void tick() {
        try {
            steps.recoverStale(Instant.now().minus(SyncPolicy.STALE));
            policy.nightlyDue(ZonedDateTime.now()).ifPresent(day -> {
                try {
                    int queued = steps.enqueueNightly(day);
                    if (queued >= 0) LOG.log(Level.INFO, "Nightly OOAPI syncs of {0} queued: {1}", new Object[] {day, queued});
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Nightly OOAPI syncs could not be queued: {0}", e.toString());
                }
            });
            for (int i = 0; i < 10; i++) {
                Optional<OoapiSyncSteps.Claimed> claimed = steps.claim(instance);
                if (claimed.isEmpty()) break;
                run(claimed.get());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "OOAPI syncs failed to run: {0}", e.toString());
        }
    }

    /** Runs one claimed sync to its end; never throws. */
    void run(OoapiSyncSteps.Claimed c) {
        long started = System.nanoTime();
        long deadline = started + policy.deadline().toNanos();
        long lastReport = started;
        OoapiSyncSteps.Counts n = new OoapiSyncSteps.Counts();
        OoapiClient client = new OoapiClient(http, policy);
        Set<String> seen = new HashSet<>();
        Specifications specifications = new Specifications(client, c, policy.maxSpecifications());
        String failure = null;
        int position = 0;
        try {
            for (int page = 1; failure == null; page++) {
                if (page > policy.maxPages()) {
                    failure = "too many pages: the endpoint still had a next page after " + policy.maxPages() + " pages";
                    break;
                }
                if (System.nanoTime() - deadline > 0) {
                    failure = "timeout: the sync took longer than " + policy.deadline().toSeconds() + " s";
                    break;
                }
                OoapiClient.Page p = client.page(c.baseUrl(), c.consumer(), page);
                n.pages++;
                if (n.items + p.items().size() > policy.maxItems()) {
                    failure = "too many courses: the endpoint lists more than " + policy.maxItems();
                    break;
                }
                for (JsonValue item : p.items()) {
                    if (System.nanoTime() - deadline > 0) {
                        failure = "timeout: the sync took longer than " + policy.deadline().toSeconds() + " s";
                        break;
                    }
                    n.items++;
                    n.add(importOne(c, ++position, item, seen, specifications));
                    if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(10)) {
                        steps.progress(c.syncId(), n);
                        lastReport = System.nanoTime();
                    }
                }
                steps.progress(c.syncId(), n);
                lastReport = System.nanoTime();
                if (!p.hasNextPage()) break;
            }
        } catch (OoapiClient.SyncFailure e) {
            failure = e.getMessage();
        } catch (RuntimeException e) {
            failure = "internal error (" + e.getClass().getSimpleName() + ")";
            LOG.log(Level.WARNING, "OOAPI sync " + c.syncId() + " of " + c.institutionCode() + " stopped", e);
        }
        try {
            steps.finish(c.syncId(), failure, n);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "OOAPI sync {0} could not be finished: {1}", new Object[] {c.syncId(), e.toString()});
        }
        LOG.log(Level.INFO, "OOAPI sync {0} of {1}: {2} in {3} ms ({4} created, {5} updated, {6} unchanged, {7} refused, {8} conflicts)",
                new Object[] {c.syncId(), c.institutionCode(), failure == null ? "SUCCEEDED" : "FAILED: " + failure,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), n.created, n.updated, n.unchanged, n.refused, n.conflicts});
    }

    private OoapiSyncItem.Outcome importOne(OoapiSyncSteps.Claimed c, int position, JsonValue item, Set<String> seen,
                                            Specifications specifications) {
        CourseImport.Result result = CourseImport.map(item, specifications, pilot.hoursPerEc());
        if (result instanceof CourseImport.Refused refused) {
            steps.refuse(c.syncId(), position, refused.courseId(), refused.title(), refused.reasons());
            return OoapiSyncItem.Outcome.REFUSED;
        }
        CourseImport.Mapped mapped = (CourseImport.Mapped) result;
        if (!seen.add(mapped.courseId())) {
            steps.refuse(c.syncId(), position, mapped.courseId(), mapped.title(),
                    List.of(new FieldError("courseId", "appears more than once in this sync; the first one was imported")));
            return OoapiSyncItem.Outcome.REFUSED;
        }
        try {
            return steps.apply(c, position, mapped);
        } catch (RuntimeException e) {
            RegistryException registry = registryException(e);
            List<FieldError> reasons = registry == null
                    ? List.of(new FieldError("item", "could not be stored (" + e.getClass().getSimpleName() + ")"))
                    : registry.errors().isEmpty() ? List.of(new FieldError("item", registry.getMessage())) : registry.errors();
            if (registry == null) LOG.log(Level.WARNING, "OOAPI sync " + c.syncId() + ": course at position " + position + " not stored", e);
            steps.refuse(c.syncId(), position, mapped.courseId(), mapped.title(), reasons);
            return OoapiSyncItem.Outcome.REFUSED;
        }
    }

    private static RegistryException registryException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RegistryException r) return r;
        }
        return null;
    }

    /** Education specifications of one sync, fetched once each and at most a bounded number; only their level is kept. */
    private static final class Specifications implements CourseImport.Specifications {
        private final OoapiClient client;
        private final OoapiSyncSteps.Claimed sync;
        private final int max;
        private final Map<String, Optional<JsonObject>> cache = new HashMap<>();
        private int fetched;

        Specifications(OoapiClient client, OoapiSyncSteps.Claimed sync, int max) {
            this.client = client;
            this.sync = sync;
            this.max = max;
        }

        @Override
        public Optional<JsonObject> find(String id) {
            Optional<JsonObject> known = cache.get(id);
            if (known != null) return known;
            if (fetched >= max) return Optional.empty();
            fetched++;
            Optional<JsonObject> level = client.educationSpecification(sync.baseUrl(), sync.consumer(), id).map(spec -> {
                JsonValue value = spec.get("levelOfQualification");
                return value instanceof JsonString s && s.getString().length() <= 10
                        ? Json.createObjectBuilder().add("levelOfQualification", s.getString()).build()
                        : JsonValue.EMPTY_JSON_OBJECT;
            });
            cache.put(id, level);
            return level;
        }
    }
}
