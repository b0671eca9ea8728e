package nl.microcredentials.registry.platform.cache;

/**
 * The kinds of data whose answers are cached, each with its own generation: a committed change of an entity marked
 * {@link CachedIn} with a kind starts a new generation of that kind, and answers of the old one are never served again.
 */
public enum Generation {
    /** Institutions, boards, programmes and their versions, agreements: the public catalogue, OOAPI, the statistics. */
    CATALOGUE,
    /** Exemption requests and their history: the statistics and the pilot report. */
    EXEMPTIONS
}
