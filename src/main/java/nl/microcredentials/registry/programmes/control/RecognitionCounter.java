package nl.microcredentials.registry.programmes.control;

import java.math.BigDecimal;

/**
 * How many member institutions recognise a programme under agreements in force: implemented by the agreements
 * component, so that a programme's verification can say it without the programmes depending on agreements.
 */
public interface RecognitionCounter {

    int recognisingInstitutions(String programmeId, String issuer, BigDecimal ects, String nlqfLevel);
}
