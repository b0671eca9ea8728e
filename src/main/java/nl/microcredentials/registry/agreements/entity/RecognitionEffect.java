package nl.microcredentials.registry.agreements.entity;

/**
 * What recognition under an agreement means, declared from the weakest to the strongest: recognition in principle
 * (the pilot's baseline), admission, elective credits, exemption from a named course. Even the strongest is advice to
 * the Board of Examiners, who decides every exemption (WHW art. 7.12b).
 */
public enum RecognitionEffect {
    IN_PRINCIPLE, ADMISSION, ELECTIVE_CREDITS, COURSE_EXEMPTION;

    /** Larger is stronger. */
    public int strength() {
        return ordinal();
    }
}
