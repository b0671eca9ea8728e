package nl.microcredentials.registry.programmes.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import nl.microcredentials.registry.platform.outbound.OutboundHttpClient;
import nl.microcredentials.registry.platform.outbound.RefusedAddressException;
import nl.microcredentials.registry.programmes.control.BadgeClassComparison;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads the edubadges badge classes that published programmes name and compares them with the registered versions:
 * every few seconds the due checks (a publication makes one due; each night, at a configured time, one instance of the
 * cluster makes all of them due). A badge class is untrusted remote data: fetched through the {@link OutboundHttpClient}
 * (checked public addresses unless allowed, timeouts, at most 256 KiB, three redirects), and whatever it answers ends as
 * AGREES, DISAGREES, UNREACHABLE or INVALID with a reason, never as an error of the registry.
 */
@Singleton
@Startup
@jakarta.ejb.DependsOn("DatabaseMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BadgeClassChecker {

    private static final Logger LOG = Logger.getLogger(BadgeClassChecker.class.getName());
    static final int MAX_BYTES = 256 * 1024;
    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    BadgeClassChecks checks;

    @Inject
    @ConfigProperty(name = "registry.badge-classes.poll-seconds", defaultValue = "10")
    int pollSeconds;

    @Inject
    @ConfigProperty(name = "registry.badge-classes.check-time", defaultValue = "03:00")
    String checkTime;

    @Inject
    @ConfigProperty(name = "registry.badge-classes.allow-private-addresses", defaultValue = "false")
    boolean allowPrivateAddresses;

    private OutboundHttpClient http;
    private ScheduledFuture<?> task;
    /** The time of the nightly round; null when it is off ({@code REGISTRY_BADGE_CLASSES_CHECK_TIME=off}). */
    private LocalTime nightly;

    @PostConstruct
    void start() {
        http = new OutboundHttpClient(allowPrivateAddresses);
        try {
            nightly = checkTime.trim().equalsIgnoreCase("off") ? null : LocalTime.parse(checkTime.trim());
        } catch (RuntimeException e) {
            LOG.warning("REGISTRY_BADGE_CLASSES_CHECK_TIME '" + checkTime + "' is not a time such as 03:00; using 03:00");
            nightly = LocalTime.of(3, 0);
        }
        long every = Math.max(1, pollSeconds);
        task = scheduler.scheduleWithFixedDelay(this::run, every, every, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) task.cancel(false);
        if (http != null) http.close();
    }

    void run() {
        try {
            ZonedDateTime now = ZonedDateTime.now(ZONE);
            if (nightly != null && !now.toLocalTime().isBefore(nightly)) {
                int scheduled = checks.nightly(now.toLocalDate());
                if (scheduled >= 0) LOG.info("Nightly badge class checks: " + scheduled + " programmes");
            }
            for (BadgeClassChecks.Claimed claimed : checks.claimDue(20)) check(claimed);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Badge class checks failed to run: {0}", e.toString());
        }
    }

    void check(BadgeClassChecks.Claimed claimed) {
        OutboundHttpClient.Fetched fetched;
        try {
            fetched = http.get(withMicro(claimed.badgeClassUrl()), Map.of("Accept", "application/json",
                    "User-Agent", "microcredential-registry-badge-class-check"), MAX_BYTES, 3);
        } catch (RefusedAddressException e) {
            checks.unreachable(claimed.id(), "refused address: " + e.getMessage());
            return;
        } catch (IllegalArgumentException e) {
            checks.unreachable(claimed.id(), "not an http(s) URL");
            return;
        } catch (Exception e) {
            checks.unreachable(claimed.id(), e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return;
        }
        if (fetched.status() != 200) {
            checks.unreachable(claimed.id(), "HTTP " + fetched.status());
            return;
        }
        if (fetched.tooLarge()) {
            checks.invalid(claimed.id(), "larger than " + MAX_BYTES / 1024 + " KiB");
            return;
        }
        try {
            var facts = BadgeClassComparison.read(fetched.body());
            List<BadgeClassComparison.Finding> findings = BadgeClassComparison.compare(claimed.registered(), facts);
            if (findings.isEmpty()) checks.agrees(claimed.id());
            else checks.disagrees(claimed.id(), findings);
        } catch (BadgeClassComparison.Invalid e) {
            checks.invalid(claimed.id(), e.getMessage());
        }
    }

    /** The public badge class with edubadges' micro-credential fields: {@code expand=micro} added to its query. */
    static URI withMicro(String url) {
        URI uri = URI.create(url.trim());
        if (uri.getRawQuery() != null && uri.getRawQuery().contains("expand=micro")) return uri;
        String separator = uri.getRawQuery() == null ? "?" : "&";
        String base = url.trim();
        int fragment = base.indexOf('#');
        if (fragment >= 0) base = base.substring(0, fragment);
        return URI.create(base + separator + "expand=micro");
    }
}
