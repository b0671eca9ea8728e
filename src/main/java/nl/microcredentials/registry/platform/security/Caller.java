package nl.microcredentials.registry.platform.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import nl.microcredentials.registry.platform.rest.RegistryException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, and for which institution and board: the one way to read the caller's scope, the same for a
 * bearer token on {@code /api} and a session of the admin UI. Facades ask it before they act.
 */
@RequestScoped
public class Caller {

    @Inject
    SecurityContext securityContext;

    private String subject;
    private String name;
    private String displayName;
    private Set<String> roles = Set.of();
    private String institution;
    private String board;
    private boolean authenticated;

    @PostConstruct
    void resolve() {
        Principal principal = securityContext.getCallerPrincipal();
        if (principal instanceof JsonWebToken jwt) {
            authenticated = true;
            subject = jwt.getSubject();
            name = jwt.getName();
            // the person's name: the token's "name" claim when it has one, else its upn (the caller's name)
            displayName = claim(jwt, "name") != null ? claim(jwt, "name") : name;
            roles = jwt.getGroups() == null ? Set.of() : Set.copyOf(jwt.getGroups());
            institution = claim(jwt, Role.INSTITUTION_CLAIM);
            board = claim(jwt, Role.BOARD_CLAIM);
        } else if (principal instanceof RegistryPrincipal session) {
            authenticated = true;
            subject = session.subject();
            name = session.getName();
            displayName = session.displayName() == null || session.displayName().isBlank() ? name : session.displayName();
            roles = session.groups();
            institution = session.institution();
            board = session.board();
        } else if (principal != null) {
            // another principal type: authenticated, but without the registry's scope claims
            authenticated = true;
            name = principal.getName();
            displayName = name;
            subject = name;
        }
    }

    private static String claim(JsonWebToken jwt, String name) {
        Object value = jwt.getClaim(name);
        if (value == null) return null;
        String text = value instanceof jakarta.json.JsonString s ? s.getString() : value.toString();
        return text.isBlank() ? null : text;
    }

    public boolean isAuthenticated() { return authenticated; }
    public String subject() { return subject; }
    public String name() { return name; }
    /** The caller as people know them: an account's display name, a token's {@code name} claim, else {@link #name()}. */
    public String displayName() { return displayName; }
    public Set<String> roles() { return roles; }
    public Optional<String> institution() { return Optional.ofNullable(institution); }
    public Optional<String> board() { return Optional.ofNullable(board); }

    public boolean isCoordinator() { return roles.contains(Role.COORDINATOR); }
    public boolean isInstitutionAdmin() { return roles.contains(Role.INSTITUTION_ADMIN) && institution != null; }
    public boolean isBoardMember() { return roles.contains(Role.BOARD_MEMBER) && institution != null && board != null; }

    /** A role that needs scope claims must have them; otherwise the caller is refused (API.md). */
    public Optional<String> missingScope() {
        if (roles.contains(Role.INSTITUTION_ADMIN) && institution == null) return Optional.of("institution-admin without 'institution' claim");
        if (roles.contains(Role.BOARD_MEMBER) && (institution == null || board == null)) return Optional.of("board-member without 'institution' and 'board' claims");
        return Optional.empty();
    }

    /** An institution admin of that institution, or a coordinator. */
    public boolean canManageInstitution(String code) {
        return isCoordinator() || (isInstitutionAdmin() && institution.equals(code));
    }

    /** Staff of that institution: its admins and the members of its boards. */
    public boolean belongsTo(String code) {
        return (isInstitutionAdmin() || isBoardMember()) && institution.equals(code);
    }

    public void requireAuthenticated() {
        if (!authenticated) throw RegistryException.unauthenticated();
    }

    public void requireCoordinator() {
        requireAuthenticated();
        if (!isCoordinator()) throw RegistryException.forbidden("Only national coordinators may do this");
    }

    public void requireInstitutionManager(String code) {
        requireAuthenticated();
        if (!canManageInstitution(code)) {
            throw RegistryException.forbidden("Only an admin of institution '" + code + "' or a coordinator may do this");
        }
    }
}
