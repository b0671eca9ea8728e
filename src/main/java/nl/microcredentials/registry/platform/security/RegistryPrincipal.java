package nl.microcredentials.registry.platform.security;

import jakarta.security.enterprise.CallerPrincipal;
import java.util.Set;

/**
 * The caller of an admin-UI session, with the same scope a token carries: roles, institution code, board id.
 * Kept in the HTTP session by {@link RegistryAuthenticationMechanism}; never used for {@code /api}.
 */
public final class RegistryPrincipal extends CallerPrincipal {

    private static final long serialVersionUID = 1L;

    private final String subject;
    private final String displayName;
    private final Set<String> groups;
    private final String institution;
    private final String board;

    public RegistryPrincipal(String subject, String name, String displayName, Set<String> groups, String institution, String board) {
        super(name);
        this.subject = subject;
        this.displayName = displayName;
        this.groups = Set.copyOf(groups);
        this.institution = institution;
        this.board = board;
    }

    public String subject() { return subject; }
    public String displayName() { return displayName; }
    public Set<String> groups() { return groups; }
    public String institution() { return institution; }
    public String board() { return board; }

    @Override public String toString() { return "RegistryPrincipal[" + getName() + "]"; }
}
