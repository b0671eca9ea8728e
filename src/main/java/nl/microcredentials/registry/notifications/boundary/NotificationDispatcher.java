package nl.microcredentials.registry.notifications.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every few seconds: turns new outbox events into messages, writes the day's digests once the digest time has passed
 * (once per cluster), and sends the messages that are due, each outside any transaction; a failed send is retried with
 * backoff and never touches the change that caused it, which committed long before.
 */
@Singleton
@Startup
@jakarta.ejb.DependsOn("DatabaseMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NotificationDispatcher {

    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class.getName());
    /** Messages claimed at once: at most 5 x 30 s (three 10-second timeouts) inside the 2-minute lease. */
    static final int CLAIM = 3;
    static final int PER_ROUND = 100;
    static final int EVENTS_PER_ROUND = 100;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Notifications notifications;

    @Inject
    Mailer mailer;

    @Inject
    @ConfigProperty(name = "registry.notifications.poll-seconds", defaultValue = "5")
    int pollSeconds;

    @Inject
    @ConfigProperty(name = "registry.notifications.digest-time", defaultValue = "07:00")
    String digestTime;

    @Inject
    @ConfigProperty(name = "registry.public.url")
    java.util.Optional<String> publicUrl;

    private LocalTime digestAt;
    private ScheduledFuture<?> task;

    @PostConstruct
    void start() {
        try {
            digestAt = digestTime.trim().equalsIgnoreCase("off") ? null : LocalTime.parse(digestTime.trim());
        } catch (RuntimeException e) {
            LOG.warning("REGISTRY_NOTIFICATIONS_DIGEST_TIME '" + digestTime + "' is not a time such as 07:00; using 07:00");
            digestAt = LocalTime.of(7, 0);
        }
        LOG.info(() -> "Notifications: e-mail to " + mailer.describe() + "; daily digests " + (digestAt == null ? "off" : "at " + digestAt + " (Europe/Amsterdam)"));
        if (mailer.smtpHost().isPresent() && publicUrl.map(String::isBlank).orElse(true)) {
            LOG.warning("REGISTRY_MAIL_HOST is set but REGISTRY_PUBLIC_URL is not: links in e-mail take the address of the request that caused"
                    + " them, and those of the daily digests http://localhost:8080. Set REGISTRY_PUBLIC_URL to the registry's public address.");
        }
        long every = Math.max(1, pollSeconds);
        task = scheduler.scheduleWithFixedDelay(this::round, every, every, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) task.cancel(false);
    }

    void round() {
        try {
            expandEvents();
            digests();
            sendDue();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Notifications failed to run: {0}", e.toString());
        }
    }

    private void expandEvents() {
        for (String id : notifications.waitingEvents(EVENTS_PER_ROUND)) {
            try {
                notifications.expand(id);
            } catch (RuntimeException e) {
                notifications.expansionFailed(id, rootCause(e));
            }
        }
    }

    private void digests() {
        if (digestAt == null) return;
        ZonedDateTime now = ZonedDateTime.now(Notifications.ZONE);
        if (now.toLocalTime().isBefore(digestAt)) return;
        LocalDate day = now.toLocalDate();
        int written = notifications.scheduled(day);
        if (written >= 0) LOG.info(() -> "Daily notification digests of " + day + ": " + written + " message(s)");
    }

    private void sendDue() {
        int sent = 0;
        for (List<Notifications.Due> batch = notifications.due(CLAIM); !batch.isEmpty() && sent < PER_ROUND; batch = notifications.due(CLAIM)) {
            for (Notifications.Due due : batch) send(due);
            sent += batch.size();
        }
    }

    private void send(Notifications.Due due) {
        try {
            mailer.send(new Mailer.Outgoing(due.id(), due.to(), due.language(), due.subject(), due.text(), due.html(), due.kind()));
            notifications.sent(due.id());
        } catch (Exception e) {
            notifications.failed(due.id(), rootCause(e));
        }
    }

    static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String message = t.getMessage() == null ? "" : ": " + t.getMessage();
        return (t.getClass().getSimpleName() + message).replaceAll("[\\r\\n]+", " ");
    }
}
