package nl.microcredentials.registry.notifications.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import nl.microcredentials.registry.notifications.control.NotificationTexts;
import nl.microcredentials.registry.notifications.entity.Notification;
import nl.microcredentials.registry.notifications.entity.NotificationKind;
import nl.microcredentials.registry.notifications.entity.NotificationKind.Delivery;
import nl.microcredentials.registry.notifications.entity.NotificationPreference;
import nl.microcredentials.registry.platform.rest.ETags;
import nl.microcredentials.registry.platform.rest.FieldError;
import nl.microcredentials.registry.platform.rest.Page;
import nl.microcredentials.registry.platform.rest.PageRequest;
import nl.microcredentials.registry.platform.rest.RegistryException;
import nl.microcredentials.registry.platform.security.Account;
import nl.microcredentials.registry.platform.security.Caller;
import nl.microcredentials.registry.platform.security.Role;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What callers see of the notifications: the log of the messages meant for them (a coordinator: all; an institution
 * admin: those of the institution; a board member: their own and their board's mailbox), a failed message sent again,
 * the digests of a day written on request, and each account's preferences.
 */
@ApplicationScoped
@Transactional
public class NotificationLog {

    static final Map<String, String> SORTABLE = Map.of("createdAt", "n.createdAt", "status", "n.status", "kind", "n.kind");

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    Notifications notifications;

    @Inject
    Outbox outbox;

    @Schema(name = "Notification", description = "One e-mail to one address. Statuses: PENDING (to be sent, retried with backoff), SENT, FAILED "
            + "(given up), HELD (waits for the account's daily summary), SUMMARISED (sent in the summary summaryId).")
    public record NotificationView(String id, NotificationKind kind, String recipient, String language, String subject,
                                   @Schema(description = "the page where the thing is handled") String link,
                                   @Schema(description = "the request, agreement, sync, programme or board it is about") String subjectId,
                                   String status, int attempts, Instant nextAttemptAt, String lastError, Instant sentAt, String summaryId,
                                   Instant createdAt, @Schema(description = "the plain text body; only when one notification is read") String text,
                                   int version) implements Serializable { }

    @Schema(name = "NotificationPreferences", description = "How the signed-in account receives each kind of notification that applies to its role")
    public record PreferencesView(String username, String email, @Schema(enumeration = {"nl", "en"}) String language, String role,
                                  List<KindPreference> kinds, int version) implements Serializable { }

    @Schema(name = "NotificationKindPreference")
    public record KindPreference(NotificationKind kind, Delivery delivery, Delivery defaultDelivery, List<Delivery> choices) implements Serializable { }

    @Schema(name = "NotificationPreferencesInput", description = "Fields left out stay as they are; a kind not named keeps its choice")
    public record PreferencesInput(@Schema(enumeration = {"nl", "en"}, example = "en") String language,
                                   @Schema(description = "kind -> IMMEDIATE, DAILY or OFF", example = "{\"REQUEST_RECEIVED\": \"DAILY\"}")
                                   Map<String, String> kinds) { }

    @Schema(name = "NotificationDigests")
    public record DigestsView(LocalDate day, int written) { }

    public record Filter(Notification.Status status, NotificationKind kind, String institution) { }

    // ---- the log ------------------------------------------------------------------------------------

    public Page<NotificationView> list(Filter filter, PageRequest pageRequest) {
        caller.requireAuthenticated();
        var page = pageRequest.validated(SORTABLE, "-createdAt");
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        scope(where, params);
        if (filter.institution() != null) {
            where.append(" AND n.institutionCode = :institution");
            params.put("institution", filter.institution());
        }
        if (filter.status() != null) {
            where.append(" AND n.status = :status");
            params.put("status", filter.status());
        }
        if (filter.kind() != null) {
            where.append(" AND n.kind = :kind");
            params.put("kind", filter.kind());
        }
        long total = bind(em.createQuery("SELECT COUNT(n) FROM Notification n" + where, Long.class), params).getSingleResult();
        if (total == 0) return Page.of(List.of(), page, 0);
        List<Notification> rows = bind(em.createQuery("SELECT n FROM Notification n" + where + " ORDER BY " + page.orderBy() + ", n.id", Notification.class), params)
                .setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        return Page.of(rows.stream().map(n -> view(n, false)).toList(), page, total);
    }

    /** How many messages the caller may see were given up (the dashboard's warning). */
    public long failed() {
        caller.requireAuthenticated();
        StringBuilder where = new StringBuilder(" WHERE n.status = :failed");
        Map<String, Object> params = new HashMap<>();
        params.put("failed", Notification.Status.FAILED);
        scope(where, params);
        return bind(em.createQuery("SELECT COUNT(n) FROM Notification n" + where, Long.class), params).getSingleResult();
    }

    public NotificationView get(String id) {
        return view(visible(id), true);
    }

    /** A FAILED message sent again (its attempts start over): an admin of its institution or a coordinator. */
    public NotificationView retry(String id, OptionalInt ifMatch) {
        Notification n = visible(id);
        if (!caller.isCoordinator() && !(caller.isInstitutionAdmin() && caller.institution().orElse("").equals(n.getInstitutionCode()))) {
            throw RegistryException.forbidden("Only an admin of the institution or a coordinator sends a notification again");
        }
        ETags.check(ifMatch, n.getVersion());
        if (n.getStatus() != Notification.Status.FAILED) {
            throw RegistryException.conflict("Only a FAILED notification is sent again; this one is " + n.getStatus(),
                    List.of(new FieldError("status", "is " + n.getStatus() + ", not FAILED")));
        }
        n.retry(Instant.now());
        em.flush();
        return view(n, true);
    }

    /** The digests of {@code day} now (a coordinator): what the nightly round writes, never twice for one day. */
    public DigestsView digests(LocalDate day) {
        caller.requireCoordinator();
        LocalDate today = LocalDate.now(Notifications.ZONE);
        if (day.isBefore(today.minusDays(31)) || day.isAfter(today.plusDays(366))) {
            throw RegistryException.invalid("day", "must lie between " + today.minusDays(31) + " and " + today.plusDays(366));
        }
        return new DigestsView(day, notifications.digests(day, outbox.baseUrl()));
    }

    private void scope(StringBuilder where, Map<String, Object> params) {
        if (caller.isCoordinator()) return;
        if (caller.isInstitutionAdmin()) {
            where.append(" AND n.institutionCode = :own");
            params.put("own", caller.institution().orElseThrow());
        } else if (caller.isBoardMember()) {
            where.append(" AND ((n.accountId = :account) OR (n.boardId = :board AND n.accountId IS NULL))");
            params.put("account", accountId());
            params.put("board", caller.board().orElseThrow());
        } else {
            throw RegistryException.forbidden("Notifications are for coordinators, institution admins and board members");
        }
    }

    private Notification visible(String id) {
        caller.requireAuthenticated();
        StringBuilder where = new StringBuilder(" WHERE n.id = :id");
        Map<String, Object> params = new HashMap<>();
        params.put("id", id == null ? "" : id);
        scope(where, params);
        return bind(em.createQuery("SELECT n FROM Notification n" + where, Notification.class), params).getResultStream().findFirst()
                .orElseThrow(() -> RegistryException.notFound("Notification", id));
    }

    private String accountId() {
        return account().map(Account::getId).orElse("");
    }

    /** The caller's own account: the registry's tokens and sessions name it by id (sub), others by username. */
    private java.util.Optional<Account> account() {
        if (caller.subject() == null && caller.name() == null) return java.util.Optional.empty();
        return em.createQuery("SELECT a FROM Account a WHERE a.active = TRUE AND (a.id = :sub OR a.username = :name) ORDER BY a.username", Account.class)
                .setParameter("sub", caller.subject() == null ? "" : caller.subject()).setParameter("name", caller.name() == null ? "" : caller.name())
                .getResultStream().findFirst();
    }

    private static NotificationView view(Notification n, boolean withText) {
        return new NotificationView(n.getId(), n.getKind(), n.getRecipient(), n.getLanguage(), n.getSubject(), n.getLink(), n.getSubjectId(),
                n.getStatus().name(), n.getAttempts(), n.getNextAttemptAt(), n.getLastError(), n.getSentAt(), n.getSummaryId(), n.getCreatedAt(),
                withText ? n.getText() : null, n.getVersion());
    }

    private static <T> TypedQuery<T> bind(TypedQuery<T> query, Map<String, Object> params) {
        params.forEach(query::setParameter);
        return query;
    }

    // ---- preferences ------------------------------------------------------------------------------

    public PreferencesView preferences() {
        return preferences(myAccount());
    }

    /** Replaces the named choices and the language; {@code ifMatch}: the account's version (the preferences' ETag). */
    public PreferencesView choose(PreferencesInput input, OptionalInt ifMatch) {
        Account account = myAccount();
        ETags.check(ifMatch, account.getVersion());
        if (input == null) throw RegistryException.invalid("body", "is required");
        List<FieldError> errors = new ArrayList<>();
        String language = input.language() == null ? null : input.language().trim().toLowerCase(Locale.ROOT);
        if (language != null && !NotificationTexts.LANGUAGES.contains(language)) errors.add(new FieldError("language", "must be nl or en"));
        Map<NotificationKind, Delivery> chosen = new java.util.EnumMap<>(NotificationKind.class);
        if (input.kinds() != null) {
            for (var e : input.kinds().entrySet()) {
                String field = "kinds." + e.getKey();
                NotificationKind kind = kind(e.getKey());
                if (kind == null || !kind.appliesTo(account.getRole())) {
                    errors.add(new FieldError(field, "is not a kind of notification for a " + account.getRole() + "; kinds: "
                            + String.join(", ", NotificationKind.forRole(account.getRole()).stream().map(Enum::name).toList())));
                    continue;
                }
                Delivery delivery = delivery(e.getValue());
                if (delivery == null || !kind.choices().contains(delivery)) {
                    errors.add(new FieldError(field, "must be one of " + String.join(", ", kind.choices().stream().map(Enum::name).toList())));
                    continue;
                }
                chosen.put(kind, delivery);
            }
        }
        if (!errors.isEmpty()) throw RegistryException.invalid(errors);
        Map<NotificationKind, NotificationPreference> existing = stored(account.getId());
        chosen.forEach((kind, delivery) -> {
            NotificationPreference p = existing.get(kind);
            if (p == null) em.persist(new NotificationPreference(account.getId(), kind, delivery));
            else p.choose(delivery);
        });
        if (language != null) account.speaks(language);
        account.changed();
        em.flush();
        return preferences(account);
    }

    private Account myAccount() {
        caller.requireAuthenticated();
        return account().orElseThrow(() -> new RegistryException(404, "not-found", "Not found",
                "Notification preferences belong to the registry's accounts; '" + caller.name() + "' has none here", null, null));
    }

    private PreferencesView preferences(Account account) {
        Map<NotificationKind, NotificationPreference> stored = stored(account.getId());
        List<KindPreference> kinds = NotificationKind.forRole(account.getRole()).stream()
                .map(k -> new KindPreference(k, stored.containsKey(k) ? stored.get(k).getDelivery() : k.defaultFor(account.getRole()),
                        k.defaultFor(account.getRole()), k.choices()))
                .toList();
        return new PreferencesView(account.getUsername(), account.getEmail(), account.getLanguage(), account.getRole(), kinds, account.getVersion());
    }

    private Map<NotificationKind, NotificationPreference> stored(String accountId) {
        Map<NotificationKind, NotificationPreference> map = new java.util.EnumMap<>(NotificationKind.class);
        em.createQuery("SELECT p FROM NotificationPreference p WHERE p.accountId = :id", NotificationPreference.class).setParameter("id", accountId)
                .getResultStream().forEach(p -> map.put(p.getKind(), p));
        return map;
    }

    private static NotificationKind kind(String name) {
        try {
            return name == null ? null : NotificationKind.valueOf(name.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Delivery delivery(String name) {
        try {
            return name == null ? null : Delivery.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Roles that have preferences at all. */
    public static boolean hasPreferences(String role) {
        return Role.BOARD_MEMBER.equals(role) || Role.INSTITUTION_ADMIN.equals(role) || Role.COORDINATOR.equals(role);
    }
}
