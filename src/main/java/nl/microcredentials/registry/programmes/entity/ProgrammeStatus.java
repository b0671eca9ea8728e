package nl.microcredentials.registry.programmes.entity;

/** DRAFT (only its institution sees it) -> PUBLISHED (public) -> WITHDRAWN; a withdrawn programme may be revised into a new draft. */
public enum ProgrammeStatus {
    DRAFT, PUBLISHED, WITHDRAWN
}
