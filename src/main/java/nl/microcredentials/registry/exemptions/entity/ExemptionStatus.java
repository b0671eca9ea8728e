package nl.microcredentials.registry.exemptions.entity;

/** The states of an exemption request (DOMAIN.md); UPHELD and OVERTURNED are the outcomes of an appeal. */
public enum ExemptionStatus {
    SUBMITTED, IN_REVIEW, INFORMATION_REQUESTED, DECIDED, WITHDRAWN, APPEALED, UPHELD, OVERTURNED;

    /** Still waiting for the board's decision: the deadline runs (or is suspended). */
    public boolean isOpen() {
        return this == SUBMITTED || this == IN_REVIEW || this == INFORMATION_REQUESTED;
    }
}
