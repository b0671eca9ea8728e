package nl.microcredentials.registry.platform.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import nl.microcredentials.registry.platform.security.Caller;
import nl.microcredentials.registry.platform.security.RegistryPrincipal;

/** The signed-in user as the pages see it: name and roles, for navigation and what a page offers. */
@Named("user")
@RequestScoped
public class UserBacking {

    @Inject
    Caller caller;

    @Inject
    SecurityContext securityContext;

    public boolean isLoggedIn() { return caller.isAuthenticated(); }
    /** Signed in with a role: the navigation is theirs. (Signed in without one, through the provider: only the page that says what to ask for.) */
    public boolean isStaff() { return caller.isAuthenticated() && !caller.roles().isEmpty(); }
    public boolean isCoordinator() { return caller.isCoordinator(); }
    public boolean isInstitutionAdmin() { return caller.isInstitutionAdmin(); }
    public boolean isBoardMember() { return caller.isBoardMember(); }
    public String getInstitution() { return caller.institution().orElse(null); }
    public String getBoard() { return caller.board().orElse(null); }

    /** The person signed in, by name (an account's display name), never wrapped: the top bar shows it. */
    public String getDisplayName() {
        if (securityContext.getCallerPrincipal() instanceof RegistryPrincipal p && p.displayName() != null && !p.displayName().isBlank()) {
            return p.displayName();
        }
        return caller.displayName();
    }

    public boolean canManage(String institutionCode) {
        return caller.canManageInstitution(institutionCode);
    }
}
