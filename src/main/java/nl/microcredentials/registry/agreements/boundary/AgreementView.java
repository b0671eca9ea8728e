package nl.microcredentials.registry.agreements.boundary;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import nl.microcredentials.registry.agreements.control.AgreementScope;
import nl.microcredentials.registry.agreements.entity.AgreementKind;
import nl.microcredentials.registry.agreements.entity.AgreementStatus;
import nl.microcredentials.registry.agreements.entity.RecognitionEffect;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An agreement as read. Parties and coordinators see the current version (which may await approval); the public sees
 * the version in force.
 */
@Schema(name = "Agreement")
public record AgreementView(
        String id,
        String title,
        AgreementKind kind,
        boolean consortiumWide,
        List<String> parties,
        AgreementScope scope,
        RecognitionEffect effect,
        String terms,
        LocalDate validFrom,
        LocalDate validUntil,
        @Schema(description = "EXPIRED is an ACTIVE or PROPOSED agreement past validUntil") AgreementStatus status,
        @Schema(description = "SHA-256 (64 lower-case hex digits) of the UTF-8 bytes of canonicalTerms: the RFC 8785 canonical JSON of "
                + "{kind, parties (sorted codes), scope ({programmes: sorted ids} or {issuers: sorted codes, minNlqfLevel, maxNlqfLevel, "
                + "minEcts, maxEcts}), effect, terms (Unicode NFC, trimmed), validFrom, validUntil}, absent values left out. "
                + "The title and status are not contractual and not hashed. An approval names this hash.") String termsHash,
        @Schema(description = "the exact text that termsHash hashes") String canonicalTerms,
        @Schema(description = "the number of the version shown") int versionNumber,
        @Schema(description = "the version in force (every party approved it), if any") Integer activeVersionNumber,
        String activeTermsHash,
        @Schema(description = "a newer version than the one in force awaits approval") boolean pendingApproval,
        @Schema(description = "approvals of the hash shown") List<ApprovalView> approvals,
        @Schema(description = "parties that have not approved the hash shown yet (while it awaits approval)") List<String> awaitingApproval,
        LocalDate terminatedOn,
        String terminationReason,
        @Schema(description = "what the status allows now: edit, propose, approve, terminate, delete") List<String> actions,
        String createdByInstitution,
        @Schema(description = "optimistic-locking version, also the ETag") int version,
        Instant createdAt,
        Instant updatedAt) implements java.io.Serializable {

    @Schema(name = "AgreementApproval")
    public record ApprovalView(String institution, String approvedBy, Instant approvedAt, String termsHash, int versionNumber) implements java.io.Serializable { }

    @Schema(name = "AgreementHistoryEntry")
    public record HistoryEntry(Instant at, String action, String actor, String actorInstitution, AgreementStatus from, AgreementStatus to,
                               Integer versionNumber, String termsHash, String detail) implements java.io.Serializable { }

    @Schema(name = "AgreementVersion")
    public record VersionView(int number, AgreementKind kind, List<String> parties, AgreementScope scope, RecognitionEffect effect,
                              String terms, LocalDate validFrom, LocalDate validUntil, String termsHash, String canonicalTerms,
                              boolean active, boolean current, Instant activatedAt, Instant createdAt, String createdBy,
                              List<ApprovalView> approvals) implements java.io.Serializable { }
}
