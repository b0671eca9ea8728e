package nl.microcredentials.registry.agreements.boundary;

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
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import nl.microcredentials.registry.platform.outbound.OutboundHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends queued webhook deliveries: every few seconds it takes the due ones, POSTs each outside any transaction, and
 * records the outcome; a failure is retried after the policy's backoff. Deliveries are queued in the database with the
 * change, so they survive a restart and are sent only for committed changes. They go through the {@link OutboundHttpClient},
 * which connects only to the globally routable addresses it resolved (unless private addresses are allowed), follows no
 * redirect and reads at most a few KiB of the answer.
 */
@Singleton
@Startup
@jakarta.ejb.DependsOn("DatabaseMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Webhooks webhooks;

    @Inject
    @ConfigProperty(name = "registry.webhooks.poll-seconds", defaultValue = "5")
    int pollSeconds;

    /** The receiver's answer is not used: a few KiB of it are read, the rest is dropped with the connection. */
    static final int MAX_RESPONSE_BYTES = 4 * 1024;
    /** Deliveries claimed at once: at most 3 x (5 s connect + 30 s body) = 105 s, inside the 2-minute lease. */
    static final int CLAIM = 3;
    static final int PER_ROUND = 60;

    private OutboundHttpClient http;
    private ScheduledFuture<?> task;

    @PostConstruct
    void start() {
        http = new OutboundHttpClient(webhooks.policy().allowPrivateAddresses());
        long every = Math.max(1, pollSeconds);
        task = scheduler.scheduleWithFixedDelay(this::sendDue, every, every, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) task.cancel(false);
        if (http != null) http.close();
    }

    void sendDue() {
        try {
            // a few at a time, so that a batch of slow receivers is sent well within its lease (see Webhooks.LEASE)
            int sent = 0;
            for (List<Webhooks.Due> batch = webhooks.due(CLAIM); !batch.isEmpty() && sent < PER_ROUND; batch = webhooks.due(CLAIM)) {
                for (Webhooks.Due due : batch) send(due);
                sent += batch.size();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Webhook deliveries failed to run: {0}", e.toString());
        }
    }

    private void send(Webhooks.Due due) {
        String body = "{\"agreement\":\"" + due.agreement() + "\"}";
        try {
            var problem = webhooks.policy().problem(due.url());
            if (problem.isPresent()) {
                webhooks.failed(due.id(), "url " + problem.get());
                return;
            }
            Map<String, String> headers = Map.of(
                    "User-Agent", "microcredential-registry-webhooks",
                    "X-Registry-Event", due.event(),
                    "X-Registry-Delivery", due.id(),
                    "X-Registry-Signature", "sha256=" + hmac(due.secret(), body));
            OutboundHttpClient.Response response = http.post(URI.create(due.url().trim()), headers, ContentType.create("application/json"),
                    body.getBytes(StandardCharsets.UTF_8), MAX_RESPONSE_BYTES);
            if (response.status() / 100 == 2) {
                webhooks.delivered(due.id());
            } else {
                webhooks.failed(due.id(), "HTTP " + response.status());
            }
        } catch (Exception e) {
            webhooks.failed(due.id(), e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    static String hmac(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
