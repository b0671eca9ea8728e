package nl.microcredentials.registry.institutions.boundary;

import nl.microcredentials.registry.institutions.entity.Sector;

/**
 * Fired (synchronously, inside the change's transaction) when a coordinator changes an institution's sector or
 * membership: the components whose rules depend on them re-check what they published.
 */
public record InstitutionChanged(String code, Sector sectorBefore, Sector sectorAfter, boolean activeBefore, boolean activeAfter) {

    public boolean sectorChanged() {
        return sectorBefore != sectorAfter;
    }
}
