package nl.microcredentials.registry.exemptions.entity;

/** The board's decision, with its ELMO v2 resultOfRecognition status. */
public enum DecisionOutcome {
    GRANTED("Positive"), PARTIALLY_GRANTED("Partially Positive"), REJECTED("Negative");

    private final String elmoStatus;

    DecisionOutcome(String elmoStatus) {
        this.elmoStatus = elmoStatus;
    }

    public String elmoStatus() {
        return elmoStatus;
    }
}
