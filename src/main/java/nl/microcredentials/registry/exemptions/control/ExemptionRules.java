package nl.microcredentials.registry.exemptions.control;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nl.microcredentials.registry.exemptions.entity.DecisionOutcome;
import nl.microcredentials.registry.platform.rest.FieldError;

/** Validation of what is recorded and decided on an exemption request: plain Java, one error per field. */
public final class ExemptionRules {

    public static final int MAX_MOTIVATION = 10_000;
    public static final int MAX_REASON = 2_000;

    /** A request as recorded (before the programme is looked up). */
    public record Recorded(String learnerName, String learnerEmail, String studentNumber, String programme, LocalDate awardedOn,
                           String evidenceUrl, String courseCode, String courseTitle, BigDecimal courseEcts, String targetProgramme,
                           String motivation) { }

    private ExemptionRules() { }

    public static List<FieldError> validate(Recorded r, LocalDate today) {
        List<FieldError> e = new ArrayList<>();
        text(e, "learner.name", r.learnerName(), true, 200);
        if (r.learnerEmail() != null && !r.learnerEmail().isBlank()
                && (r.learnerEmail().length() > 254 || !r.learnerEmail().trim().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))) {
            e.add(new FieldError("learner.email", "must be an e-mail address"));
        }
        if (r.studentNumber() != null && !r.studentNumber().isBlank() && !r.studentNumber().trim().matches("[A-Za-z0-9-]{1,40}")) {
            e.add(new FieldError("learner.studentNumber", "must be 1..40 letters, digits or dashes"));
        }
        if (r.programme() == null || r.programme().isBlank()) e.add(new FieldError("programme", "is required: the id of the micro-credential programme"));
        if (r.awardedOn() == null) e.add(new FieldError("awardedOn", "is required"));
        else if (r.awardedOn().isAfter(today)) e.add(new FieldError("awardedOn", "must not be in the future"));
        if (r.evidenceUrl() != null && !r.evidenceUrl().isBlank() && !absoluteHttpUrl(r.evidenceUrl())) {
            e.add(new FieldError("evidenceUrl", "must be an absolute http(s) URL"));
        }
        text(e, "targetCourse.code", r.courseCode(), true, 40);
        text(e, "targetCourse.title", r.courseTitle(), true, 300);
        if (r.courseEcts() == null) e.add(new FieldError("targetCourse.ects", "is required"));
        else if (r.courseEcts().signum() <= 0 || r.courseEcts().compareTo(new BigDecimal("240")) > 0 || r.courseEcts().stripTrailingZeros().scale() > 1) {
            e.add(new FieldError("targetCourse.ects", "must be a positive number of EC (at most 240, one decimal)"));
        }
        text(e, "targetProgramme", r.targetProgramme(), false, 300);
        text(e, "motivation", r.motivation(), false, 5000);
        return e;
    }

    /** A decision: a motivation always; PARTIALLY_GRANTED with 0 < ectsGranted < the course's EC. */
    public static List<FieldError> validateDecision(DecisionOutcome outcome, BigDecimal ectsGranted, String motivation, BigDecimal courseEcts) {
        List<FieldError> e = new ArrayList<>();
        if (outcome == null) e.add(new FieldError("outcome", "is required: GRANTED, PARTIALLY_GRANTED or REJECTED"));
        text(e, "motivation", motivation, true, MAX_MOTIVATION);
        if (outcome == DecisionOutcome.PARTIALLY_GRANTED) {
            if (ectsGranted == null) e.add(new FieldError("ectsGranted", "is required for a partial exemption"));
            else if (ectsGranted.signum() <= 0 || ectsGranted.compareTo(courseEcts) >= 0) {
                e.add(new FieldError("ectsGranted", "must be more than 0 and less than the course's " + courseEcts.stripTrailingZeros().toPlainString() + " EC"));
            } else if (ectsGranted.stripTrailingZeros().scale() > 1) {
                e.add(new FieldError("ectsGranted", "must have at most one decimal"));
            }
        } else if (outcome != null && ectsGranted != null) {
            BigDecimal expected = outcome == DecisionOutcome.GRANTED ? courseEcts : BigDecimal.ZERO;
            if (ectsGranted.compareTo(expected) != 0) {
                e.add(new FieldError("ectsGranted", "is " + expected.stripTrailingZeros().toPlainString() + " for " + outcome + " (or leave it out)"));
            }
        }
        return e;
    }

    /** The EC a decision grants. */
    public static BigDecimal granted(DecisionOutcome outcome, BigDecimal ectsGranted, BigDecimal courseEcts) {
        return switch (outcome) {
            case GRANTED -> courseEcts;
            case PARTIALLY_GRANTED -> ectsGranted;
            case REJECTED -> BigDecimal.ZERO;
        };
    }

    /** A reason where one is required (extension, re-routing, information request). */
    public static List<FieldError> reason(String field, String value) {
        List<FieldError> e = new ArrayList<>();
        text(e, field, value, true, MAX_REASON);
        return e;
    }

    /** The reference prefix of an institution: the initials of its code's words, at most 4 (tu-delft: TD). */
    public static String prefix(String institutionCode) {
        StringBuilder p = new StringBuilder();
        for (String word : institutionCode.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty() && p.length() < 4) p.append(Character.toUpperCase(word.charAt(0)));
        }
        return p.length() == 0 ? "EX" : p.toString().toUpperCase(Locale.ROOT);
    }

    public static String reference(String prefix, int year, int number) {
        return String.format(Locale.ROOT, "%s-%d-%06d", prefix, year, number);
    }

    private static void text(List<FieldError> e, String field, String value, boolean required, int max) {
        if (value == null || value.isBlank()) {
            if (required) e.add(new FieldError(field, "is required"));
        } else if (value.length() > max) {
            e.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }

    private static boolean absoluteHttpUrl(String url) {
        try {
            URI uri = new URI(url.trim());
            return uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && url.length() <= 500;
        } catch (Exception e) {
            return false;
        }
    }
}
