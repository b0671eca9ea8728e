package nl.microcredentials.registry.institutions.entity;

/** Universities (WO, wetenschappelijk onderwijs) and universities of applied sciences (HBO, hoger beroepsonderwijs). */
public enum Sector {
    WO, HBO
}
