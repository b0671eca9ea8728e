package nl.microcredentials.registry.notifications.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import nl.microcredentials.registry.platform.persistence.AuditedEntity;

/**
 * One e-mail to one address, and its log: what, to whom, when, delivered or failed. PENDING ones are sent by the
 * dispatcher (claimed for a lease, retried with backoff until given up: FAILED); HELD ones wait for their account's
 * daily summary (then SUMMARISED, pointing at the summary that carried them).
 */
@Entity
@Table(name = "notification")
public class Notification extends AuditedEntity {

    public enum Status { PENDING, SENT, FAILED, HELD, SUMMARISED }

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 40, updatable = false)
    private NotificationKind kind;

    @Column(nullable = false, length = 254, updatable = false)
    private String recipient;

    @Column(name = "account_id", length = 36, updatable = false)
    private String accountId;

    @Column(name = "board_id", length = 36, updatable = false)
    private String boardId;

    @Column(name = "institution_code", length = 64, updatable = false)
    private String institutionCode;

    /** nl, en, or nl-en (a board's mailbox: both, Dutch first). */
    @Column(nullable = false, length = 5, updatable = false)
    private String language;

    @Column(nullable = false, length = 300, updatable = false)
    private String subject;

    @Column(name = "body_text", nullable = false, updatable = false)
    private String text;

    @Column(name = "body_html", nullable = false, updatable = false)
    private String html;

    @Column(length = 1000, updatable = false)
    private String link;

    @Column(name = "subject_id", length = 36, updatable = false)
    private String subjectId;

    @Column(name = "dedupe_key", nullable = false, length = 300, updatable = false)
    private String dedupeKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private Status status;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "last_error", length = 500)
    private String lastError;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "summary_id", length = 36)
    private String summaryId;

    protected Notification() { }

    public Notification(NotificationKind kind, Recipient to, String subjectId, String dedupeKey, Message message, boolean held) {
        this.kind = kind;
        this.recipient = to.address();
        this.accountId = to.accountId();
        this.boardId = to.boardId();
        this.institutionCode = to.institutionCode();
        this.language = message.language();
        this.subject = message.subject().length() <= 300 ? message.subject() : message.subject().substring(0, 297) + "...";
        this.text = message.text();
        this.html = message.html();
        this.link = message.link() == null || message.link().length() <= 1000 ? message.link() : null;
        this.subjectId = subjectId;
        this.dedupeKey = dedupeKey.length() <= 300 ? dedupeKey : dedupeKey.substring(0, 300);
        this.status = held ? Status.HELD : Status.PENDING;
        this.nextAttemptAt = held ? null : Instant.now();
    }

    /** Who receives a message: an address, and the account, board and institution it belongs to (for the log's scope). */
    public record Recipient(String address, String accountId, String boardId, String institutionCode, String language) { }

    /** A rendered message. */
    public record Message(String language, String subject, String text, String html, String link) { }

    /** Claimed by an instance until {@code until}: due again then only if that instance did not record an outcome. */
    public void lease(Instant until) {
        nextAttemptAt = until;
    }

    public void sent(Instant at) {
        attempts++;
        status = Status.SENT;
        sentAt = at;
        nextAttemptAt = null;
        lastError = null;
    }

    /** A failed attempt: the next one after the backoff, or none when {@code giveUp}. */
    public void failed(String error, Instant next, boolean giveUp) {
        attempts++;
        lastError = error == null ? null : error.length() <= 500 ? error : error.substring(0, 500);
        if (giveUp) {
            status = Status.FAILED;
            nextAttemptAt = null;
        } else {
            nextAttemptAt = next;
        }
    }

    /** A failed message sent again on request: the attempts start over. */
    public void retry(Instant now) {
        status = Status.PENDING;
        attempts = 0;
        nextAttemptAt = now;
    }

    public void summarisedIn(String summary) {
        status = Status.SUMMARISED;
        summaryId = summary;
    }

    public NotificationKind getKind() { return kind; }
    public String getRecipient() { return recipient; }
    public String getAccountId() { return accountId; }
    public String getBoardId() { return boardId; }
    public String getInstitutionCode() { return institutionCode; }
    public String getLanguage() { return language; }
    public String getSubject() { return subject; }
    public String getText() { return text; }
    public String getHtml() { return html; }
    public String getLink() { return link; }
    public String getSubjectId() { return subjectId; }
    public String getDedupeKey() { return dedupeKey; }
    public Status getStatus() { return status; }
    public int getAttempts() { return attempts; }
    public Instant getNextAttemptAt() { return nextAttemptAt; }
    public String getLastError() { return lastError; }
    public Instant getSentAt() { return sentAt; }
    public String getSummaryId() { return summaryId; }
}
