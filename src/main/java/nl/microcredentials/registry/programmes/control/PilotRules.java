package nl.microcredentials.registry.programmes.control;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The configurable bounds of the national pilot (DOMAIN.md, "A micro-credential programme"): 3 to 30 EC at 28 study
 * hours per EC (84..840 hours); the WO experiment that allows micro-credentials from 1 EC between 1 May 2025 and
 * 30 April 2027 (both inclusive); and no micro-credential before 2023-01-01 (never retroactive). The rules read
 * these values from here so that no bound is a literal in the code that applies it.
 */
public record PilotRules(
        BigDecimal minEcts,
        BigDecimal maxEcts,
        int hoursPerEc,
        BigDecimal experimentMinEcts,
        LocalDate experimentFrom,
        LocalDate experimentUntil,
        LocalDate notBefore) {

    public PilotRules {
        Objects.requireNonNull(minEcts, "minEcts");
        Objects.requireNonNull(maxEcts, "maxEcts");
        Objects.requireNonNull(experimentMinEcts, "experimentMinEcts");
        Objects.requireNonNull(experimentFrom, "experimentFrom");
        Objects.requireNonNull(experimentUntil, "experimentUntil");
        Objects.requireNonNull(notBefore, "notBefore");
        if (hoursPerEc <= 0) throw new IllegalArgumentException("hoursPerEc must be positive: " + hoursPerEc);
        if (minEcts.compareTo(maxEcts) > 0) throw new IllegalArgumentException("minEcts > maxEcts");
        if (experimentMinEcts.compareTo(minEcts) > 0) throw new IllegalArgumentException("experimentMinEcts > minEcts");
        if (experimentFrom.isAfter(experimentUntil)) throw new IllegalArgumentException("experimentFrom > experimentUntil");
    }

    /** The pilot's published bounds: 3..30 EC, 28 h/EC, experiment from 1 EC in 2025-05-01..2027-04-30, as of 2023-01-01. */
    public static PilotRules defaults() {
        return new PilotRules(new BigDecimal("3"), new BigDecimal("30"), 28, BigDecimal.ONE,
                LocalDate.of(2025, 5, 1), LocalDate.of(2027, 4, 30), LocalDate.of(2023, 1, 1));
    }

    /** The least EC: {@link #experimentMinEcts()} for a programme in the experiment, else {@link #minEcts()}. */
    public BigDecimal minEcts(boolean experiment) {
        return experiment ? experimentMinEcts : minEcts;
    }

    /** The least study hours: the least EC for the case times the hours per EC, rounded up (84, or 28 in the experiment). */
    public int minHours(boolean experiment) {
        return minEcts(experiment).multiply(BigDecimal.valueOf(hoursPerEc)).setScale(0, RoundingMode.CEILING).intValueExact();
    }

    /** The most study hours: the most EC times the hours per EC, rounded down (840). */
    public int maxHours() {
        return maxEcts.multiply(BigDecimal.valueOf(hoursPerEc)).setScale(0, RoundingMode.FLOOR).intValueExact();
    }

    /** The study hours a programme gets when the client sends none: EC times hours per EC, rounded half-up. */
    public int defaultStudyHours(BigDecimal ects) {
        Objects.requireNonNull(ects, "ects");
        return ects.multiply(BigDecimal.valueOf(hoursPerEc)).setScale(0, RoundingMode.HALF_UP).intValueExact();
    }

    /** Whether a date lies inside the experiment, both ends inclusive; {@code false} for {@code null}. */
    public boolean inExperimentWindow(LocalDate d) {
        return d != null && !d.isBefore(experimentFrom) && !d.isAfter(experimentUntil);
    }
}
