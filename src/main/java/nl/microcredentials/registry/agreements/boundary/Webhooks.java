package nl.microcredentials.registry.agreements.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import nl.microcredentials.registry.agreements.control.WebhookPolicy;
import nl.microcredentials.registry.agreements.entity.Webhook;
import nl.microcredentials.registry.agreements.entity.WebhookDelivery;
import nl.microcredentials.registry.institutions.entity.Institution;
import nl.microcredentials.registry.platform.rest.ETags;
import nl.microcredentials.registry.platform.rest.RegistryException;
import nl.microcredentials.registry.platform.security.Caller;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An institution's webhook for agreement changes, and the queue of its deliveries. */
@ApplicationScoped
@Transactional
public class Webhooks {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    @ConfigProperty(name = "registry.db.url")
    String databaseUrl;

    @Inject
    @ConfigProperty(name = "registry.webhooks.allow-private-addresses", defaultValue = "false")
    boolean allowPrivateAddresses;

    @Inject
    @ConfigProperty(name = "registry.webhooks.retry-base-seconds", defaultValue = "30")
    int retryBaseSeconds;

    @Inject
    @ConfigProperty(name = "registry.webhooks.max-attempts", defaultValue = "12")
    int maxAttempts;

    @Schema(name = "Webhook", description = "Deliveries are POSTs of {\"agreement\": id} with headers X-Registry-Event, X-Registry-Delivery "
            + "and X-Registry-Signature: sha256=<hex HMAC-SHA256 of the body under the secret>. The secret is shown once, when the URL is set.")
    public record WebhookView(String institution, String url, @Schema(description = "only in the answer that set the URL") String secret,
                              int version, Instant createdAt, Instant updatedAt, List<DeliveryView> recentDeliveries) { }

    @Schema(name = "WebhookDelivery")
    public record DeliveryView(String id, String agreement, String event, String status, int attempts, Instant nextAttemptAt,
                               String lastError, Instant deliveredAt, Instant createdAt) { }

    public WebhookPolicy policy() {
        return new WebhookPolicy(allowPrivateAddresses, Duration.ofSeconds(Math.max(1, retryBaseSeconds)), Math.max(1, maxAttempts));
    }

    public Optional<WebhookView> get(String code) {
        caller.requireInstitutionManager(code);
        return find(code).map(w -> view(w, null));
    }

    public WebhookView set(String code, String url, OptionalInt ifMatch) {
        caller.requireInstitutionManager(code);
        Institution institution = em.createNamedQuery(Institution.BY_CODE, Institution.class).setParameter("code", code).getResultStream()
                .findFirst().orElseThrow(() -> RegistryException.notFound("Institution", code));
        policy().problem(url).ifPresent(problem -> { throw RegistryException.invalid("url", problem); });
        String secret = HexFormat.of().formatHex(randomBytes());
        Optional<Webhook> existing = find(code);
        Webhook hook;
        if (existing.isPresent()) {
            hook = existing.get();
            ETags.check(ifMatch, hook.getVersion());
            hook.change(url.trim(), secret);
            hook.changed();
        } else {
            hook = new Webhook(institution, url.trim(), secret);
            em.persist(hook);
        }
        em.flush();
        return view(hook, secret);
    }

    public void remove(String code) {
        caller.requireInstitutionManager(code);
        Webhook hook = find(code).orElseThrow(() -> RegistryException.notFound("Webhook of", code));
        em.remove(hook);
    }

    private Optional<Webhook> find(String code) {
        return em.createNamedQuery(Webhook.OF_INSTITUTION, Webhook.class).setParameter("code", code).getResultStream().findFirst();
    }

    private WebhookView view(Webhook w, String secret) {
        List<DeliveryView> deliveries = em.createNamedQuery(WebhookDelivery.OF_WEBHOOK, WebhookDelivery.class).setParameter("webhook", w)
                .setMaxResults(20).getResultStream()
                .map(d -> new DeliveryView(d.getId(), d.getAgreementId(), d.getEvent(), d.getStatus().name(), d.getAttempts(),
                        d.getNextAttemptAt(), d.getLastError(), d.getDeliveredAt(), d.getCreatedAt()))
                .toList();
        return new WebhookView(w.getInstitution().getCode(), w.getUrl(), secret, w.getVersion(), w.getCreatedAt(), w.getUpdatedAt(), deliveries);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    // ---- the dispatcher's side ---------------------------------------------------------------

    /** How long a claimed delivery is this instance's: longer than a send can take (connect and read timeouts). */
    static final java.time.Duration LEASE = java.time.Duration.ofMinutes(2);

    /** A delivery due now, with what sending it needs. */
    public record Due(String id, String url, String secret, String agreement, String event) { }

    /**
     * Claims up to {@code limit} deliveries due now for this instance: each is moved {@link #LEASE} ahead in this
     * transaction, so another instance of the cluster passes it by (PostgreSQL: {@code FOR UPDATE SKIP LOCKED}) and takes
     * it over only when this one died before recording the outcome. A receiver may therefore, rarely, get a delivery
     * twice (an instance killed between sending and recording): the {@code X-Registry-Delivery} id tells them apart.
     */
    public List<Due> due(int limit) {
        Instant now = Instant.now();
        String lock = databaseUrl.startsWith("jdbc:postgresql:") ? " for update skip locked" : " for update";
        @SuppressWarnings("unchecked")
        List<String> ids = em.createNativeQuery("select id from webhook_delivery where status = 'PENDING' and next_attempt_at <= ?1"
                        + " order by next_attempt_at limit " + Math.max(1, limit) + lock)
                .setParameter(1, java.sql.Timestamp.from(now)).getResultList();
        List<Due> due = new java.util.ArrayList<>();
        for (String id : ids) {
            WebhookDelivery d = em.find(WebhookDelivery.class, id);
            if (d == null) continue;
            d.lease(now.plus(LEASE));
            due.add(new Due(d.getId(), d.getWebhook().getUrl(), d.getWebhook().getSecret(), d.getAgreementId(), d.getEvent()));
        }
        return due;
    }

    public void delivered(String id) {
        WebhookDelivery d = em.find(WebhookDelivery.class, id);
        if (d != null) d.delivered(Instant.now());
    }

    public void failed(String id, String error) {
        WebhookDelivery d = em.find(WebhookDelivery.class, id);
        if (d == null) return;
        WebhookPolicy policy = policy();
        int attempts = d.getAttempts() + 1;
        d.failed(error, Instant.now().plus(policy.backoff(attempts)), policy.giveUpAfter(attempts));
    }
}
