package nl.microcredentials.registry.exemptions.boundary;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import nl.microcredentials.registry.agreements.boundary.Recognition;
import nl.microcredentials.registry.exemptions.entity.DecisionOutcome;
import nl.microcredentials.registry.exemptions.entity.ExemptionStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An exemption request as read. For coordinators it is pseudonymous: {@code learner}, {@code motivation}, the evidence URL
 * and the decision's motivation are left out (null), so no learner identity is in the payload.
 */
@Schema(name = "ExemptionRequest")
public record ExemptionView(
        String id,
        @Schema(example = "TD-2026-000123", description = "human-readable, unique per institution") String reference,
        String institution,
        BoardRef board,
        @Schema(description = "absent for coordinators") ExemptionInput.Learner learner,
        ProgrammeRef programme,
        LocalDate awardedOn,
        String evidenceUrl,
        ExemptionInput.Course targetCourse,
        String targetProgramme,
        String motivation,
        ExemptionStatus status,
        LocalDate receivedOn,
        @Schema(description = "received + the board's term + extension + suspended days; moves while information is outstanding") LocalDate decisionDue,
        boolean overdue,
        @Schema(description = "while information is outstanding, the clock is stopped since this date") LocalDate informationRequestedOn,
        int suspendedDays,
        Extension extension,
        Decision decision,
        Appeal appeal,
        @Schema(description = "advice: the agreements in force under which this institution recognises the programme (in a single request; not in lists)") List<Recognition.Applicable> applicableAgreements,
        List<String> warnings,
        @Schema(description = "transitions allowed now: review, request-information, information-received, extend, decision, withdraw, appeal, appeal-outcome, reroute")
        List<String> allowedTransitions,
        @Schema(description = "optimistic-locking version, also the ETag") int version,
        Instant createdAt,
        Instant updatedAt) implements java.io.Serializable {

    @Schema(name = "BoardRef")
    public record BoardRef(String id, String name) implements java.io.Serializable { }

    @Schema(name = "ProgrammeRef")
    public record ProgrammeRef(String id, int versionNumber, String title, String issuer, BigDecimal ects, String nlqfLevel) implements java.io.Serializable { }

    @Schema(name = "Extension")
    public record Extension(int days, String reason) implements java.io.Serializable { }

    @Schema(name = "Decision")
    public record Decision(DecisionOutcome outcome, BigDecimal ectsGranted, String motivation, LocalDate decidedOn, String decidedBy,
                           @Schema(description = "decision date + 6 weeks") LocalDate appealDeadline,
                           LegalRemedies legalRemedies, ResultOfRecognition resultOfRecognition) implements java.io.Serializable { }

    @Schema(name = "LegalRemedies")
    public record LegalRemedies(String nl, String en) implements java.io.Serializable { }

    @Schema(name = "ResultOfRecognition", description = "shaped like EMREX/ELMO v2 resultOfRecognition")
    public record ResultOfRecognition(@Schema(enumeration = {"Positive", "Partially Positive", "Negative"}) String status,
                                      LocalDate decisionDate, String basis, String result) implements java.io.Serializable { }

    @Schema(name = "Appeal")
    public record Appeal(LocalDate filedOn, String outcome) implements java.io.Serializable { }

    @Schema(name = "ExemptionHistoryEntry")
    public record HistoryEntry(Instant at, String action, String actor, String actorRole, ExemptionStatus from, ExemptionStatus to, String reason) implements java.io.Serializable { }
}
