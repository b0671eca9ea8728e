package nl.microcredentials.registry.programmes.entity;

/** Form of participation (EU Council Recommendation 2022/C 243/02, Annex I). */
public enum Participation {
    ONLINE, ONSITE, BLENDED, WORK_EXPERIENCE
}
