package nl.microcredentials.registry.reports.control;

import nl.microcredentials.registry.agreements.entity.RecognitionEffect;

/** The stronger of two recognition effects (by name), for the matrix; null is weaker than any effect. */
final class RecognitionEffects {

    private RecognitionEffects() { }

    static String stronger(String current, String candidate) {
        if (candidate == null) return current;
        if (current == null) return candidate;
        return RecognitionEffect.valueOf(candidate).strength() > RecognitionEffect.valueOf(current).strength() ? candidate : current;
    }
}
