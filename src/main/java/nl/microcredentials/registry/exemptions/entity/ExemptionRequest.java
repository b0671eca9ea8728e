package nl.microcredentials.registry.exemptions.entity;

import nl.microcredentials.registry.platform.cache.CachedIn;
import nl.microcredentials.registry.platform.cache.Generation;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import nl.microcredentials.registry.institutions.entity.Board;
import nl.microcredentials.registry.institutions.entity.Institution;
import nl.microcredentials.registry.platform.persistence.AuditedEntity;
import nl.microcredentials.registry.programmes.entity.Programme;

/**
 * A learner's request for exemption at the receiving institution, with the evidence (the programme version earned), the
 * routed board, the deadline and, once decided, the decision. Learner data is here and nowhere else.
 */
@CachedIn(Generation.EXEMPTIONS)
@Entity
@Table(name = "exemption_request")
@NamedQuery(name = ExemptionRequest.BY_IDEMPOTENCY_KEY,
        query = "SELECT r FROM ExemptionRequest r WHERE r.institution.code = :institution AND r.idempotencyKey = :key")
public class ExemptionRequest extends AuditedEntity {

    public static final String BY_IDEMPOTENCY_KEY = "ExemptionRequest.byIdempotencyKey";

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "institution_id", nullable = false, updatable = false)
    private Institution institution;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "board_id", nullable = false)
    private Board board;

    @Column(nullable = false, length = 40, updatable = false)
    private String reference;

    @Column(name = "idempotency_key", length = 200, updatable = false)
    private String idempotencyKey;

    @Column(name = "learner_name", nullable = false, length = 200)
    private String learnerName;

    @Column(name = "learner_email", length = 254)
    private String learnerEmail;

    @Column(name = "learner_student_number", length = 40)
    private String studentNumber;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "programme_id", nullable = false, updatable = false)
    private Programme programme;

    @Column(name = "programme_version", nullable = false, updatable = false)
    private int programmeVersion;

    @Column(name = "issuer_code", nullable = false, length = 60, updatable = false)
    private String issuerCode;

    @Column(name = "awarded_on", nullable = false)
    private LocalDate awardedOn;

    @Column(name = "evidence_url", length = 500)
    private String evidenceUrl;

    @Column(name = "target_course_code", nullable = false, length = 40)
    private String courseCode;

    @Column(name = "target_course_title", nullable = false, length = 300)
    private String courseTitle;

    @Column(name = "target_course_ects", nullable = false, precision = 4, scale = 1)
    private BigDecimal courseEcts;

    @Column(name = "target_programme", length = 300)
    private String targetProgramme;

    @Column(length = 5000)
    private String motivation;

    /** Warnings found when it was recorded, one per line. */
    @Column(length = 4000)
    private String warnings;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 24)
    private ExemptionStatus status = ExemptionStatus.SUBMITTED;

    @Column(name = "received_on", nullable = false, updatable = false)
    private LocalDate receivedOn;

    @Column(name = "term_days", nullable = false)
    private int termDays;

    /** The day the decision term starts: the day of receipt, or of the last re-routing to another board. */
    @Column(name = "term_start")
    private LocalDate termStart;

    @Column(name = "idempotency_fingerprint", length = 64, updatable = false)
    private String idempotencyFingerprint;

    @Column(name = "extension_days", nullable = false)
    private int extensionDays;

    @Column(name = "extension_reason", length = 2000)
    private String extensionReason;

    @Column(name = "suspended_days", nullable = false)
    private int suspendedDays;

    @Column(name = "information_requested_on")
    private LocalDate informationRequestedOn;

    @Column(name = "decision_due", nullable = false)
    private LocalDate decisionDue;

    @Enumerated(EnumType.STRING)
    @Column(length = 20)
    private DecisionOutcome outcome;

    @Column(name = "ects_granted", precision = 4, scale = 1)
    private BigDecimal ectsGranted;

    @Column(name = "decision_motivation", length = 10000)
    private String decisionMotivation;

    @Column(name = "decided_on")
    private LocalDate decidedOn;

    @Column(name = "decided_by", length = 200)
    private String decidedBy;

    @Column(name = "appeal_filed_on")
    private LocalDate appealFiledOn;

    /** The ELMO v2 document the request was recorded from (EMREX), as received; null when recorded from JSON. */
    @Column(name = "elmo_evidence", length = 1_048_576, updatable = false)
    private String elmoEvidence;

    protected ExemptionRequest() { }

    public ExemptionRequest(Institution institution, Board board, String reference, String idempotencyKey, Programme programme,
                            int programmeVersion, LocalDate receivedOn, int termDays) {
        this(institution, board, reference, idempotencyKey, programme, programme.getInstitution().getCode(), programmeVersion, receivedOn, termDays);
    }

    /** {@code issuerCode}: the code of the programme's institution, when the caller has read it (the programme may be a reference). */
    public ExemptionRequest(Institution institution, Board board, String reference, String idempotencyKey, Programme programme,
                            String issuerCode, int programmeVersion, LocalDate receivedOn, int termDays) {
        this.institution = institution;
        this.board = board;
        this.reference = reference;
        this.idempotencyKey = idempotencyKey;
        this.programme = programme;
        this.programmeVersion = programmeVersion;
        this.issuerCode = issuerCode;
        this.receivedOn = receivedOn;
        this.termDays = termDays;
        this.termStart = receivedOn;
    }

    public void fingerprint(String sha256) { this.idempotencyFingerprint = sha256; }

    /**
     * Forwarded to another board (Awb 2:3): the competent board received it today, so its own decision term starts
     * today; the old board's review, information request and notice of delay do not carry over.
     */
    public void reroutedTo(Board board, LocalDate on) {
        this.board = board;
        this.termDays = board.getDecisionTermDays();
        this.termStart = on;
        this.extensionDays = 0;
        this.extensionReason = null;
        this.suspendedDays = 0;
        this.informationRequestedOn = null;
        this.status = ExemptionStatus.SUBMITTED;
    }

    public void learner(String name, String email, String studentNumber) {
        this.learnerName = name;
        this.learnerEmail = email;
        this.studentNumber = studentNumber;
    }

    public void evidence(LocalDate awardedOn, String evidenceUrl, String courseCode, String courseTitle, BigDecimal courseEcts,
                         String targetProgramme, String motivation, String warnings) {
        this.awardedOn = awardedOn;
        this.evidenceUrl = evidenceUrl;
        this.courseCode = courseCode;
        this.courseTitle = courseTitle;
        this.courseEcts = courseEcts;
        this.targetProgramme = targetProgramme;
        this.motivation = motivation;
        this.warnings = warnings;
    }

    public void moveTo(ExemptionStatus status) { this.status = status; }
    public void routeTo(Board board) { this.board = board; }
    public void due(LocalDate decisionDue) { this.decisionDue = decisionDue; }

    public void extend(int days, String reason) {
        extensionDays = days;
        extensionReason = reason;
    }

    public void suspend(LocalDate on) { informationRequestedOn = on; }

    public void resume(int days) {
        suspendedDays += days;
        informationRequestedOn = null;
    }

    public void decide(DecisionOutcome outcome, BigDecimal ectsGranted, String motivation, LocalDate on, String by) {
        this.outcome = outcome;
        this.ectsGranted = ectsGranted;
        this.decisionMotivation = motivation;
        this.decidedOn = on;
        this.decidedBy = by;
    }

    public void appeal(LocalDate filedOn) { appealFiledOn = filedOn; }

    public void elmoEvidence(String document) { this.elmoEvidence = document; }

    public Institution getInstitution() { return institution; }
    public Board getBoard() { return board; }
    public String getReference() { return reference; }
    public String getIdempotencyKey() { return idempotencyKey; }
    public String getLearnerName() { return learnerName; }
    public String getLearnerEmail() { return learnerEmail; }
    public String getStudentNumber() { return studentNumber; }
    public Programme getProgramme() { return programme; }
    public int getProgrammeVersion() { return programmeVersion; }
    public String getIssuerCode() { return issuerCode; }
    public LocalDate getAwardedOn() { return awardedOn; }
    public String getEvidenceUrl() { return evidenceUrl; }
    public String getCourseCode() { return courseCode; }
    public String getCourseTitle() { return courseTitle; }
    public BigDecimal getCourseEcts() { return courseEcts; }
    public String getTargetProgramme() { return targetProgramme; }
    public String getMotivation() { return motivation; }
    public String getWarnings() { return warnings; }
    public ExemptionStatus getStatus() { return status; }
    public LocalDate getReceivedOn() { return receivedOn; }
    public int getTermDays() { return termDays; }
    public LocalDate getTermStart() { return termStart == null ? receivedOn : termStart; }
    public String getIdempotencyFingerprint() { return idempotencyFingerprint; }
    public int getExtensionDays() { return extensionDays; }
    public String getExtensionReason() { return extensionReason; }
    public int getSuspendedDays() { return suspendedDays; }
    public LocalDate getInformationRequestedOn() { return informationRequestedOn; }
    public LocalDate getDecisionDue() { return decisionDue; }
    public DecisionOutcome getOutcome() { return outcome; }
    public BigDecimal getEctsGranted() { return ectsGranted; }
    public String getDecisionMotivation() { return decisionMotivation; }
    public LocalDate getDecidedOn() { return decidedOn; }
    public String getDecidedBy() { return decidedBy; }
    public LocalDate getAppealFiledOn() { return appealFiledOn; }
    public String getElmoEvidence() { return elmoEvidence; }
}
