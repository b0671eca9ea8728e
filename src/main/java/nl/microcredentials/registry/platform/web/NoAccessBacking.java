package nl.microcredentials.registry.platform.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import nl.microcredentials.registry.platform.security.oidc.Entitlements;
import nl.microcredentials.registry.platform.security.oidc.OidcSettings;
import nl.microcredentials.registry.platform.security.oidc.OidcSignIn;

/**
 * The page of a person who signed in at the provider without a recognised entitlement: who they are signed in as, why
 * the registry gives them no role, and exactly which entitlement to ask their institution's identity administrator for.
 */
@Named
@RequestScoped
public class NoAccessBacking {

    @Inject
    OidcSettings settings;

    @Inject
    HttpServletRequest request;

    public String getReason() {
        var session = request.getSession(false);
        Object kept = session == null ? null : session.getAttribute(OidcSignIn.SESSION);
        return kept instanceof OidcSignIn.Session s ? s.noAccessReason() : null;
    }

    public String getAdminEntitlement() { return Entitlements.institutionAdmin(settings.entitlementPrefix(), "<institution code>"); }
    public String getBoardEntitlement() { return Entitlements.boardMember(settings.entitlementPrefix(), "<institution code>", "<board id>"); }
    public String getCoordinatorEntitlement() { return Entitlements.coordinator(settings.entitlementPrefix()); }
}
