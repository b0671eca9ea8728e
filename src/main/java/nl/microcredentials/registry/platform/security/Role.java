package nl.microcredentials.registry.platform.security;

/** The roles of the {@code groups} claim (API.md "Authentication"). */
public final class Role {
    public static final String COORDINATOR = "coordinator";
    public static final String INSTITUTION_ADMIN = "institution-admin";
    public static final String BOARD_MEMBER = "board-member";

    /** The claims that scope a caller to an institution and a board. */
    public static final String INSTITUTION_CLAIM = "institution";
    public static final String BOARD_CLAIM = "board";

    private Role() { }
}
