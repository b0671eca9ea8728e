package nl.microcredentials.registry.platform.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The admin login page: authenticates through Jakarta Security, then returns to the page that asked for it. */
@Named
@RequestScoped
public class LoginBacking {

    @Inject
    SecurityContext securityContext;

    @Inject
    FacesContext faces;

    @Inject
    nl.microcredentials.registry.platform.security.oidc.OidcSettings oidc;

    @Inject
    nl.microcredentials.registry.platform.security.oidc.OidcSignOut signOut;

    private String username;
    private String password;
    private String next;

    public void login() throws IOException {
        ExternalContext external = faces.getExternalContext();
        var request = (HttpServletRequest) external.getRequest();
        var response = (HttpServletResponse) external.getResponse();
        AuthenticationStatus status = securityContext.authenticate(request, response, AuthenticationParameters.withParams()
                .credential(new UsernamePasswordCredential(username == null ? "" : username, new Password(password == null ? "" : password)))
                .newAuthentication(true));
        password = null;
        switch (status) {
            case SUCCESS -> external.redirect(external.getRequestContextPath() + safeNext());
            case SEND_CONTINUE -> faces.responseComplete();
            default -> {
                Object wait = request.getAttribute(nl.microcredentials.registry.platform.security.RegistryAuthenticationMechanism.THROTTLED);
                if (wait != null) Messages.error("login.throttled", wait);
                else Messages.error("login.failed");
            }
        }
    }

    /** Signs out here, and with a provider's session also at the provider (its end_session_endpoint), which sends the browser back. */
    public void logout() throws IOException, ServletException {
        ExternalContext external = faces.getExternalContext();
        var request = (HttpServletRequest) external.getRequest();
        var session = request.getSession(false);
        Object signedIn = session == null ? null : session.getAttribute(nl.microcredentials.registry.platform.security.oidc.OidcSignIn.SESSION);
        request.logout();
        external.invalidateSession();
        if (signedIn instanceof nl.microcredentials.registry.platform.security.oidc.OidcSignIn.Session s) {
            var atProvider = signOut.endSessionUri(s, request);
            if (atProvider.isPresent()) {
                // not a 302: after a form post, the pages' CSP (form-action 'self') would stop the browser at the provider's door
                nl.microcredentials.registry.platform.security.BrowserNavigation.continueTo(request,
                        (jakarta.servlet.http.HttpServletResponse) external.getResponse(), atProvider.get().toString(),
                        Messages.text("login.oidc.signingOut", oidc.providerName()));
                faces.responseComplete();
                return;
            }
        }
        external.redirect(external.getRequestContextPath() + "/admin/login.xhtml?signedOut=true");
    }

    /** The message for {@code ?failed=} after a refused sign-in at the provider, or null. */
    public String getFailure() {
        String failed = faces.getExternalContext().getRequestParameterMap().get("failed");
        if (failed == null) return null;
        String key = switch (failed) {
            case "state", "expired", "code", "nonce", "token", "denied", "provider" -> "login.oidc.failed." + failed;
            default -> "login.oidc.failed.token";
        };
        return Messages.text(key, oidc.providerName());
    }

    public boolean isSignedOut() { return "true".equals(faces.getExternalContext().getRequestParameterMap().get("signedOut")); }

    /** Only a page of the admin UI: never an open redirect. */
    String safeNext() {
        return nl.microcredentials.registry.platform.security.RegistryAuthenticationMechanism.safeNext(next);
    }

    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getNext() { return next; }
    public void setNext(String next) { this.next = next; }
}
