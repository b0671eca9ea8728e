package nl.microcredentials.registry.notifications.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.logging.Logger;
import nl.microcredentials.registry.agreements.entity.Agreement;
import nl.microcredentials.registry.agreements.entity.AgreementApproval;
import nl.microcredentials.registry.agreements.entity.AgreementVersion;
import nl.microcredentials.registry.exemptions.entity.ExemptionRequest;
import nl.microcredentials.registry.institutions.entity.Board;
import nl.microcredentials.registry.notifications.control.DecisionsDue;
import nl.microcredentials.registry.notifications.control.NotificationTexts;
import nl.microcredentials.registry.notifications.control.NotificationTexts.Audience;
import nl.microcredentials.registry.notifications.control.NotificationTexts.Content;
import nl.microcredentials.registry.notifications.control.NotificationTexts.Row;
import nl.microcredentials.registry.notifications.control.RetryPolicy;
import nl.microcredentials.registry.notifications.entity.Notification;
import nl.microcredentials.registry.notifications.entity.Notification.Recipient;
import nl.microcredentials.registry.notifications.entity.NotificationEvent;
import nl.microcredentials.registry.notifications.entity.NotificationKind;
import nl.microcredentials.registry.notifications.entity.NotificationKind.Delivery;
import nl.microcredentials.registry.ooapi.entity.OoapiSync;
import nl.microcredentials.registry.platform.persistence.OncePerDay;
import nl.microcredentials.registry.platform.security.Role;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import static nl.microcredentials.registry.notifications.control.NotificationTexts.facts;
import static nl.microcredentials.registry.notifications.control.NotificationTexts.params;

/**
 * The dispatcher's side of the notifications: turns the outbox's events into messages (who receives what, in which
 * language, immediately or held for the daily summary), composes the daily digests, and keeps each message's log as it
 * is sent. Every step claims its rows ({@code FOR UPDATE SKIP LOCKED} on PostgreSQL), so the instances of a cluster share
 * the work and each message is written once; a message's unique dedupe key makes a repeated expansion harmless.
 */
@ApplicationScoped
@Transactional
public class Notifications {

    private static final Logger LOG = Logger.getLogger(Notifications.class.getName());
    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    static final String DIGEST_JOB = "notification-digests";
    /** How long a claimed message is this instance's: longer than a send can take (three 10-second timeouts). */
    static final Duration LEASE = Duration.ofMinutes(2);
    /** An event whose expansion failed this often is dropped (logged): it would otherwise be retried for ever. */
    static final int EVENT_ATTEMPTS = 5;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    @PersistenceContext
    EntityManager em;

    @Inject
    OncePerDay oncePerDay;

    @Inject
    @ConfigProperty(name = "registry.db.url")
    String databaseUrl;

    @Inject
    @ConfigProperty(name = "registry.public.url")
    Optional<String> publicUrl;

    @Inject
    @ConfigProperty(name = "registry.mail.retry-base-seconds", defaultValue = "60")
    int retryBaseSeconds;

    @Inject
    @ConfigProperty(name = "registry.mail.max-attempts", defaultValue = "10")
    int maxAttempts;

    /** How long the log keeps a message that is done with (sent, failed, summarised); at least 30 days. */
    @Inject
    @ConfigProperty(name = "registry.notifications.retention-days", defaultValue = "400")
    int retentionDays;

    public RetryPolicy policy() {
        return new RetryPolicy(Duration.ofSeconds(Math.max(1, retryBaseSeconds)), Math.max(1, maxAttempts));
    }

    private String lock() {
        return databaseUrl.startsWith("jdbc:postgresql:") ? " for update skip locked" : " for update";
    }

    // ---- events into messages -------------------------------------------------------------------

    /** The oldest events waiting (not claimed: {@link #expand(String)} claims each). */
    public List<String> waitingEvents(int limit) {
        @SuppressWarnings("unchecked")
        List<String> ids = em.createNativeQuery("select id from notification_event where attempts < " + EVENT_ATTEMPTS
                + " order by created_at limit " + Math.max(1, limit)).getResultList();
        return ids;
    }

    /**
     * Claims the event (another instance expanding it holds its row: passed by), writes its messages and deletes it;
     * false when it was gone or claimed.
     */
    public boolean expand(String eventId) {
        @SuppressWarnings("unchecked")
        List<String> ids = em.createNativeQuery("select id from notification_event where id = ?1 and attempts < " + EVENT_ATTEMPTS + lock())
                .setParameter(1, eventId).getResultList();
        if (ids.isEmpty()) return false;
        NotificationEvent event = em.find(NotificationEvent.class, eventId);
        expand(event);
        em.remove(event);
        return true;
    }

    /** An expansion that failed (a bug, a row gone): counted on the event, which is left for another try. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void expansionFailed(String eventId, String error) {
        NotificationEvent event = em.find(NotificationEvent.class, eventId);
        if (event == null) return;
        event.failed(error);
        if (event.getAttempts() >= EVENT_ATTEMPTS) {
            LOG.warning(() -> "Notification event " + event.getId() + " (" + event.getKind() + " of " + event.getSubjectId()
                    + ") could not be expanded " + EVENT_ATTEMPTS + " times; it is left in notification_event: " + error);
        }
    }

    void expand(NotificationEvent e) {
        String base = base(e.getBaseUrl());
        switch (e.getKind()) {
            case REQUEST_RECEIVED, INFORMATION_RECEIVED -> request(e, base);
            case REQUEST_DECIDED -> decided(e, base);
            case AGREEMENT_AWAITS_APPROVAL, AGREEMENT_ACTIVE, AGREEMENT_TERMINATED -> agreement(e, base);
            case IMPORT_FAILED -> importFailed(e, base);
            case BADGE_CLASS_MISMATCH -> badgeClass(e, base);
            default -> LOG.warning(() -> "Notification event of kind " + e.getKind() + " is not expanded");
        }
    }

    private void request(NotificationEvent e, String base) {
        ExemptionRequest r = em.find(ExemptionRequest.class, e.getSubjectId());
        if (r == null) return;
        Board board = e.getDetail() != null ? em.find(Board.class, e.getDetail()) : r.getBoard();
        if (board == null || !board.getId().equals(r.getBoard().getId())) return; // forwarded again meanwhile: that event tells the new board
        Titles title = programmeTitle(r.getProgramme().getId(), r.getProgrammeVersion());
        Function<String, Content> content = lang -> new Content(e.getKind(),
                params("reference", r.getReference(), "board", board.getName(), "due", NotificationTexts.date(lang, r.getDecisionDue())),
                facts("reference", r.getReference(),
                        "programme", title.in(lang) + " (" + r.getIssuerCode() + ", " + NotificationTexts.word(lang, "label.version").toLowerCase(Locale.ROOT)
                                + " " + r.getProgrammeVersion() + ")",
                        "course", r.getCourseCode() + " " + r.getCourseTitle() + " (" + ec(r.getCourseEcts()) + " EC)",
                        "receivedOn", NotificationTexts.date(lang, r.getReceivedOn()),
                        "due", NotificationTexts.date(lang, r.getDecisionDue()),
                        "board", board.getName()),
                List.of(), "/admin/exemptions/view.xhtml?id=" + r.getId());
        String discriminator = e.getKind() == NotificationKind.REQUEST_RECEIVED ? board.getId() : e.getId();
        write(e.getKind(), r.getId(), discriminator, board(board), content, base);
    }

    private void decided(NotificationEvent e, String base) {
        ExemptionRequest r = em.find(ExemptionRequest.class, e.getSubjectId());
        if (r == null || r.getOutcome() == null) return;
        Function<String, Content> content = lang -> new Content(e.getKind(),
                params("reference", r.getReference(), "board", r.getBoard().getName(), "decidedOn", NotificationTexts.date(lang, r.getDecidedOn()),
                        "outcome", NotificationTexts.word(lang, "outcome." + r.getOutcome().name())),
                facts("reference", r.getReference(),
                        "outcome", NotificationTexts.word(lang, "outcome." + r.getOutcome().name()),
                        "ectsGranted", r.getEctsGranted() == null ? "0" : ec(r.getEctsGranted()),
                        "course", r.getCourseCode() + " " + r.getCourseTitle() + " (" + ec(r.getCourseEcts()) + " EC)",
                        "decidedOn", NotificationTexts.date(lang, r.getDecidedOn()),
                        "appealDeadline", NotificationTexts.date(lang, r.getDecidedOn().plusWeeks(6)),
                        "board", r.getBoard().getName()),
                List.of(), "/admin/exemptions/view.xhtml?id=" + r.getId());
        write(e.getKind(), r.getId(), e.getId(), accounts(Role.INSTITUTION_ADMIN, List.of(r.getInstitution().getCode()), e.getKind()), content, base);
    }

    private void agreement(NotificationEvent e, String base) {
        Agreement a = em.find(Agreement.class, e.getSubjectId());
        if (a == null) return;
        AgreementVersion current = version(a, a.getCurrentVersion());
        Set<String> parties = new TreeSet<>(current.getParties());
        if (a.getActiveVersion() != null) parties.addAll(version(a, a.getActiveVersion()).getParties());
        String discriminator;
        List<Target> targets;
        if (e.getKind() == NotificationKind.AGREEMENT_AWAITS_APPROVAL) {
            if (!String.valueOf(current.getNumber()).equals(e.getDetail())) return; // newer terms: their own event asks for approval
            Set<String> approved = new HashSet<>();
            for (AgreementApproval x : em.createNamedQuery(AgreementApproval.OF_AGREEMENT, AgreementApproval.class).setParameter("agreement", a).getResultList()) {
                if (x.getTermsHash().equals(current.getTermsHash())) approved.add(x.getInstitution());
            }
            parties.removeAll(approved);
            discriminator = "v" + current.getNumber();
            targets = accounts(Role.INSTITUTION_ADMIN, new ArrayList<>(parties), e.getKind());
        } else {
            discriminator = e.getKind() == NotificationKind.AGREEMENT_ACTIVE ? "v" + e.getDetail() : "terminated";
            targets = new ArrayList<>(accounts(Role.INSTITUTION_ADMIN, new ArrayList<>(parties), e.getKind()));
            targets.addAll(accounts(Role.COORDINATOR, null, e.getKind()));
        }
        AgreementVersion shown = e.getKind() == NotificationKind.AGREEMENT_ACTIVE && a.getActiveVersion() != null ? version(a, a.getActiveVersion()) : current;
        String partyList = String.join(", ", new TreeSet<>(shown.getParties()));
        Map<String, String> names = institutionNames();
        for (Target t : targets) {
            String institution = t.recipient().institutionCode();
            Function<String, Content> content = lang -> new Content(e.getKind(),
                    params("title", a.getTitle(), "version", String.valueOf(shown.getNumber()),
                            "institution", institution == null ? "" : names.getOrDefault(institution, institution),
                            "by", e.getDetail() == null ? "" : names.getOrDefault(e.getDetail(), e.getDetail()),
                            "effectiveOn", NotificationTexts.date(lang, a.getTerminatedOn())),
                    facts("agreement", a.getTitle(), "version", String.valueOf(shown.getNumber()),
                            "hash", e.getKind() == NotificationKind.AGREEMENT_AWAITS_APPROVAL ? shown.getTermsHash() : null,
                            "parties", partyList,
                            "effectiveOn", e.getKind() == NotificationKind.AGREEMENT_TERMINATED ? NotificationTexts.date(lang, a.getTerminatedOn()) : null,
                            "reason", e.getKind() == NotificationKind.AGREEMENT_TERMINATED ? a.getTerminationReason() : null),
                    List.of(), "/admin/agreements/view.xhtml?id=" + a.getId());
            write(e.getKind(), a.getId(), discriminator, List.of(t), content, base);
        }
    }

    private void importFailed(NotificationEvent e, String base) {
        OoapiSync sync = em.find(OoapiSync.class, e.getSubjectId());
        if (sync == null) return;
        String code = sync.getInstitution().getCode();
        String name = sync.getInstitution().getName();
        Function<String, Content> content = lang -> new Content(e.getKind(), params("institution", name),
                facts("institution", name, "startedAt", sync.getStartedAt() == null ? null : sync.getStartedAt().atZone(ZONE).toLocalDateTime().withNano(0).toString(),
                        "error", sync.getFailure()),
                List.of(), "/admin/ooapi/sync.xhtml?code=" + code + "&id=" + sync.getId());
        write(e.getKind(), sync.getId(), "failed", accounts(Role.INSTITUTION_ADMIN, List.of(code), e.getKind()), content, base);
    }

    private void badgeClass(NotificationEvent e, String base) {
        String detail = e.getDetail() == null ? "" : e.getDetail();
        int colon = detail.indexOf(':');
        if (colon < 1) return;
        int version = Integer.parseInt(detail.substring(0, colon));
        String findings = detail.substring(colon + 1);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select i.code, p.id from programme p join institution i on i.id = p.institution_id where p.id = ?1")
                .setParameter(1, e.getSubjectId()).getResultList();
        if (rows.isEmpty()) return;
        String code = (String) rows.get(0)[0];
        Titles title = programmeTitle(e.getSubjectId(), version);
        List<Map<String, String>> found = new ArrayList<>();
        try {
            JsonArray array = Json.createReader(new StringReader(findings)).readArray();
            for (JsonValue v : array) {
                JsonObject o = v.asJsonObject();
                found.add(params("field", o.getString("field", ""), "registered", o.getString("registered", ""), "badgeClass", o.getString("badgeClass", "")));
            }
        } catch (RuntimeException malformed) {
            found.clear();
        }
        Function<String, Content> content = lang -> new Content(e.getKind(), params("title", title.in(lang), "version", String.valueOf(version)),
                List.of(), found.stream().map(f -> Row.of("finding", f, null)).toList(),
                "/admin/programmes/view.xhtml?id=" + e.getSubjectId());
        write(e.getKind(), e.getSubjectId(), "v" + version + ":" + sha256(findings).substring(0, 16),
                accounts(Role.INSTITUTION_ADMIN, List.of(code), e.getKind()), content, base);
    }

    // ---- the daily digests ------------------------------------------------------------------------

    /** The nightly round, once per cluster: the claim of the day commits with the messages it writes. */
    public int scheduled(LocalDate day) {
        if (!oncePerDay.claim(DIGEST_JOB, day)) return -1;
        int pruned = em.createNativeQuery("delete from notification where status in ('SENT', 'FAILED', 'SUMMARISED') and created_at < ?1")
                .setParameter(1, java.sql.Timestamp.from(day.minusDays(Math.max(30, retentionDays)).atStartOfDay(ZONE).toInstant())).executeUpdate();
        if (pruned > 0) LOG.info(() -> "Notification log: " + pruned + " message(s) older than " + retentionDays + " days removed");
        return digests(day, null);
    }

    /**
     * For {@code day}: to each board with open requests overdue or due within 7 days, one digest listing exactly those
     * (its mailbox and its members who receive it); to each account with messages held for its daily summary, one
     * summary. Writing the same day again writes nothing twice (dedupe keys).
     */
    public int digests(LocalDate day, String baseUrl) {
        String base = base(baseUrl);
        return decisionsDue(day, base) + summaries(day, base);
    }

    private int decisionsDue(LocalDate day, String base) {
        List<ExemptionRequest> open = em.createQuery("SELECT r FROM ExemptionRequest r WHERE r.status IN :running AND r.decisionDue <= :until"
                        + " ORDER BY r.decisionDue, r.reference", ExemptionRequest.class)
                .setParameter("running", List.of(nl.microcredentials.registry.exemptions.entity.ExemptionStatus.SUBMITTED,
                        nl.microcredentials.registry.exemptions.entity.ExemptionStatus.IN_REVIEW))
                .setParameter("until", DecisionsDue.until(day)).getResultList();
        Map<String, List<DecisionsDue.Open>> byBoard = new LinkedHashMap<>();
        Map<String, Board> boards = new HashMap<>();
        for (ExemptionRequest r : open) {
            boards.putIfAbsent(r.getBoard().getId(), r.getBoard());
            byBoard.computeIfAbsent(r.getBoard().getId(), b -> new ArrayList<>()).add(new DecisionsDue.Open(r.getId(), r.getReference(),
                    r.getCourseCode(), r.getCourseTitle(), r.getStatus().name(), r.getDecisionDue()));
        }
        int written = 0;
        for (var entry : byBoard.entrySet()) {
            Board board = boards.get(entry.getKey());
            List<DecisionsDue.Listed> listed = DecisionsDue.listed(entry.getValue(), day);
            if (listed.isEmpty()) continue;
            long overdue = listed.stream().filter(DecisionsDue.Listed::overdue).count();
            Function<String, Content> content = lang -> new Content(NotificationKind.DECISIONS_DUE,
                    params("board", board.getName(), "overdue", String.valueOf(overdue), "soon", String.valueOf(listed.size() - overdue),
                            "until", NotificationTexts.date(lang, DecisionsDue.until(day)), "day", NotificationTexts.date(lang, day)),
                    List.of(), listed.stream().map(l -> Row.literal(l.request().reference() + " - " + l.request().courseCode() + " "
                            + l.request().courseTitle() + " - " + NotificationTexts.word(lang, "label.due").toLowerCase(Locale.ROOT) + " " + NotificationTexts.date(lang, l.request().due())
                            + " (" + state(lang, l.daysLeft()) + ")", "/admin/exemptions/view.xhtml?id=" + l.request().id())).toList(),
                    "/admin/exemptions/index.xhtml");
            written += write(NotificationKind.DECISIONS_DUE, board.getId(), day.format(DAY), board(board), content, base);
        }
        return written;
    }

    private static String state(String lang, long daysLeft) {
        if (daysLeft < 0) return NotificationTexts.word(lang, "state.overdue").replace("{days}", String.valueOf(-daysLeft));
        if (daysLeft == 0) return NotificationTexts.word(lang, "state.today");
        return NotificationTexts.word(lang, "state.soon").replace("{days}", String.valueOf(daysLeft));
    }

    /** One summary per account of what it chose to receive daily, held since its last summary. */
    private int summaries(LocalDate day, String base) {
        List<Notification> held = em.createQuery("SELECT n FROM Notification n WHERE n.status = :held AND n.accountId IS NOT NULL"
                        + " ORDER BY n.accountId, n.createdAt", Notification.class)
                .setParameter("held", Notification.Status.HELD).getResultList();
        Map<String, List<Notification>> byAccount = new LinkedHashMap<>();
        for (Notification n : held) byAccount.computeIfAbsent(n.getAccountId(), a -> new ArrayList<>()).add(n);
        int written = 0;
        for (var entry : byAccount.entrySet()) {
            Optional<Target> target = account(entry.getKey());
            if (target.isEmpty()) continue;
            List<Notification> items = entry.getValue();
            Function<String, Content> content = lang -> new Content(NotificationKind.DAILY_SUMMARY,
                    params("count", String.valueOf(items.size()), "day", NotificationTexts.date(lang, day)), List.of(),
                    items.stream().map(n -> Row.literal(n.getSubject(), n.getLink())).toList(),
                    "/admin/notifications/index.xhtml");
            Target t = new Target(target.get().recipient(), target.get().role(), Delivery.IMMEDIATE);
            String summaryId = writeOne(NotificationKind.DAILY_SUMMARY, entry.getKey(), day.format(DAY) + ":" + items.get(items.size() - 1).getId(),
                    t, content, base, false);
            if (summaryId == null) continue;
            for (Notification n : items) n.summarisedIn(summaryId);
            written++;
        }
        return written;
    }

    // ---- recipients --------------------------------------------------------------------------------

    /** A recipient with the role it receives as (null: a board's mailbox) and how. */
    record Target(Recipient recipient, String role, Delivery delivery) { }

    /** A board: its mailbox (both languages, always immediately) and its members by their own choice. */
    private List<Target> board(Board board) {
        List<Target> targets = new ArrayList<>();
        String code = board.getInstitution().getCode();
        if (board.getEmail() != null && !board.getEmail().isBlank()) {
            targets.add(new Target(new Recipient(board.getEmail().trim(), null, board.getId(), code, NotificationTexts.BOTH), null, Delivery.IMMEDIATE));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, email, language from account where active and role = ?1 and board_id = ?2 order by username")
                .setParameter(1, Role.BOARD_MEMBER).setParameter(2, board.getId()).getResultList();
        for (Object[] row : rows) {
            targets.add(new Target(new Recipient((String) row[1], (String) row[0], board.getId(), code, (String) row[2]), Role.BOARD_MEMBER, null));
        }
        return targets;
    }

    /** The active accounts of a role (of these institutions; null: all). */
    private List<Target> accounts(String role, List<String> institutions, NotificationKind kind) {
        if (institutions != null && institutions.isEmpty()) return List.of();
        String sql = "select id, email, language, institution_code, board_id from account where active and role = ?1"
                + (institutions == null ? "" : " and institution_code in (" + placeholders(2, institutions.size()) + ")") + " order by username";
        var q = em.createNativeQuery(sql).setParameter(1, role);
        if (institutions != null) for (int i = 0; i < institutions.size(); i++) q.setParameter(i + 2, institutions.get(i));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        List<Target> targets = new ArrayList<>();
        for (Object[] row : rows) {
            targets.add(new Target(new Recipient((String) row[1], (String) row[0], (String) row[4], (String) row[3], (String) row[2]), role, null));
        }
        return targets;
    }

    private Optional<Target> account(String id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, email, language, institution_code, board_id, role from account where active and id = ?1")
                .setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(row -> new Target(new Recipient((String) row[1], (String) row[0], (String) row[4], (String) row[3],
                (String) row[2]), (String) row[5], null));
    }

    private static String placeholders(int from, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) s.append(i == 0 ? "" : ", ").append('?').append(from + i);
        return s.toString();
    }

    /** The preferences of these accounts for a kind, in one statement. */
    private Map<String, Delivery> preferences(List<String> accountIds, NotificationKind kind) {
        if (accountIds.isEmpty()) return Map.of();
        Map<String, Delivery> chosen = new HashMap<>();
        em.createQuery("SELECT p FROM NotificationPreference p WHERE p.kind = :kind AND p.accountId IN :ids",
                        nl.microcredentials.registry.notifications.entity.NotificationPreference.class)
                .setParameter("kind", kind).setParameter("ids", accountIds).getResultStream()
                .forEach(p -> chosen.put(p.getAccountId(), p.getDelivery()));
        return chosen;
    }

    /** Writes a message to each target that wants it, once per address; returns how many were written. */
    private int write(NotificationKind kind, String subjectId, String discriminator, List<Target> targets, Function<String, Content> content, String base) {
        Map<String, Delivery> chosen = preferences(targets.stream().map(t -> t.recipient().accountId()).filter(java.util.Objects::nonNull).toList(), kind);
        Set<String> addresses = new HashSet<>();
        int written = 0;
        for (Target t : targets) {
            if (t.recipient().address() == null || t.recipient().address().isBlank()) continue;
            if (!addresses.add(t.recipient().address().trim().toLowerCase(Locale.ROOT))) continue; // a member whose address is the mailbox's
            Delivery delivery = t.delivery() != null ? t.delivery() : chosen.getOrDefault(t.recipient().accountId(), kind.defaultFor(t.role()));
            if (delivery == Delivery.OFF) continue;
            boolean held = delivery == Delivery.DAILY && kind != NotificationKind.DECISIONS_DUE;
            if (writeOne(kind, subjectId, discriminator, t, content, base, held) != null) written++;
        }
        return written;
    }

    /** The message's id, or null when one with its dedupe key exists already. */
    private String writeOne(NotificationKind kind, String subjectId, String discriminator, Target t, Function<String, Content> content, String base, boolean held) {
        String key = kind + ":" + subjectId + ":" + discriminator + ":" + t.recipient().address().trim().toLowerCase(Locale.ROOT);
        if (key.length() > 300) key = kind + ":" + sha256(key);
        Long exists = em.createQuery("SELECT COUNT(n) FROM Notification n WHERE n.dedupeKey = :key", Long.class).setParameter("key", key).getSingleResult();
        if (exists > 0) return null;
        Audience audience = t.role() == null ? Audience.mailbox(boardName(t.recipient().boardId())) : Audience.account(t.role());
        Notification n = new Notification(kind, t.recipient(), subjectId, key, NotificationTexts.render(content, t.recipient().language(), audience, base), held);
        em.persist(n);
        return n.getId();
    }

    private String boardName(String boardId) {
        Board b = boardId == null ? null : em.find(Board.class, boardId);
        return b == null ? "" : b.getName();
    }

    // ---- sending -------------------------------------------------------------------------------------

    /** A message due now, with what sending it needs. */
    public record Due(String id, String to, String language, String subject, String text, String html, String kind) { }

    /** Claims up to {@code limit} messages due now for this instance (a {@link #LEASE}), as {@code Webhooks.due} does. */
    public List<Due> due(int limit) {
        Instant now = Instant.now();
        @SuppressWarnings("unchecked")
        List<String> ids = em.createNativeQuery("select id from notification where status = 'PENDING' and next_attempt_at <= ?1"
                        + " order by next_attempt_at limit " + Math.max(1, limit) + lock())
                .setParameter(1, java.sql.Timestamp.from(now)).getResultList();
        List<Due> due = new ArrayList<>();
        for (String id : ids) {
            Notification n = em.find(Notification.class, id);
            if (n == null) continue;
            n.lease(now.plus(LEASE));
            due.add(new Due(n.getId(), n.getRecipient(), n.getLanguage(), n.getSubject(), n.getText(), n.getHtml(), n.getKind().name()));
        }
        return due;
    }

    public void sent(String id) {
        Notification n = em.find(Notification.class, id);
        if (n != null) n.sent(Instant.now());
    }

    public void failed(String id, String error) {
        Notification n = em.find(Notification.class, id);
        if (n == null) return;
        RetryPolicy policy = policy();
        int attempts = n.getAttempts() + 1;
        n.failed(error, Instant.now().plus(policy.backoff(attempts)), policy.giveUpAfter(attempts));
        if (n.getStatus() == Notification.Status.FAILED) {
            LOG.warning(() -> "Notification " + id + " (" + n.getKind() + ") given up after " + attempts + " attempts: " + error);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------

    /** REGISTRY_PUBLIC_URL, else the address the change's request came in on, else the quick start's. */
    String base(String fromEvent) {
        Optional<String> configured = publicUrl.map(String::trim).filter(s -> !s.isEmpty());
        String base = configured.orElse(fromEvent != null ? fromEvent : "http://localhost:8080");
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private AgreementVersion version(Agreement a, int number) {
        return em.createNamedQuery(AgreementVersion.NUMBER, AgreementVersion.class).setParameter("agreement", a).setParameter("number", number)
                .getSingleResult();
    }

    private Map<String, String> institutionNames() {
        Map<String, String> names = new HashMap<>();
        for (Object[] row : em.createQuery("SELECT i.code, i.name FROM Institution i", Object[].class).getResultList()) {
            names.put((String) row[0], (String) row[1]);
        }
        return names;
    }

    /** A programme version's titles: Dutch and English, each falling back on the other. */
    record Titles(String nl, String en) {
        String in(String lang) {
            return "en".equals(lang) ? (en != null ? en : nl) : (nl != null ? nl : en);
        }
    }

    private Titles programmeTitle(String programmeId, int version) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select title_nl, title_en from programme_version where programme_id = ?1 and number = ?2")
                .setParameter(1, programmeId).setParameter(2, version).getResultList();
        return rows.isEmpty() ? new Titles(programmeId, programmeId) : new Titles((String) rows.get(0)[0], (String) rows.get(0)[1]);
    }

    private static String ec(BigDecimal value) {
        return value == null ? "?" : value.stripTrailingZeros().toPlainString();
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
