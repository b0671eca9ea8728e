package nl.microcredentials.registry.programmes.control;

/**
 * The type of quality assurance of a programme, an EU Annex I element (Council Recommendation 2022/C 243/02): a name,
 * an optional URL and a description. The pilot's default is the Dutch quality framework for micro-credentials of
 * UNL and VH (DOMAIN.md; text as in SURF's edubadges-server micro_credentials_constants.py).
 */
public record QualityAssurance(String name, String url, String description) implements java.io.Serializable {

    /** Kwaliteitskader Microcredentials voor Professionals HBO en WO: the framework of the pilot's members. */
    public static final QualityAssurance DUTCH_FRAMEWORK = new QualityAssurance(
            "Kwaliteitskader Microcredentials voor Professionals HBO en WO",
            null,
            "The Dutch quality framework for micro-credentials of Universities of the Netherlands (UNL) and the "
                    + "Netherlands Association of Universities of Applied Sciences (VH)");
}
