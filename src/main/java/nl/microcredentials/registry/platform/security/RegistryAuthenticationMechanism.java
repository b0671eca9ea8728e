package nl.microcredentials.registry.platform.security;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContextWrapper;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;
import nl.microcredentials.registry.platform.security.oidc.OidcProvider;
import nl.microcredentials.registry.platform.security.oidc.OidcSettings;
import nl.microcredentials.registry.platform.security.oidc.OidcSignIn;
import nl.microcredentials.registry.platform.security.oidc.ProviderTokens;

/**
 * The registry's one authentication mechanism (Payara registers its MP-JWT mechanism unconditionally, so a second
 * one would be ambiguous). {@code /api/*} is delegated to Payara's MP-JWT mechanism: bearer tokens only, never the UI
 * session. Everything else is the admin UI: a login through {@code SecurityContext.authenticate} validated by the
 * identity stores, the caller kept in the HTTP session, and a redirect to the login page for protected pages.
 * <p>
 * With {@code REGISTRY_OIDC_ISSUER} set, the admin UI signs in at the OpenID Connect provider instead
 * ({@link OidcSignIn}): a protected page sends an anonymous browser to the provider, {@code /admin/callback} completes
 * the sign-in, a session lasts at most {@code REGISTRY_OIDC_MAX_SESSION_MINUTES}, and a person without a recognised
 * entitlement sees only {@code /admin/no-access.xhtml}. On {@code /api} the provider's access tokens are accepted
 * beside the consortium's ({@link ProviderTokens}).
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class RegistryAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** Request attribute set when a bearer token was presented but is not valid; answered 401 by {@code ApiAccessFilter}. */
    public static final String INVALID_TOKEN = "registry.invalidToken";
    public static final String SESSION_PRINCIPAL = "registry.principal";
    public static final String LOGIN_PAGE = "/admin/login.xhtml";
    public static final String CALLBACK = "/admin/callback";
    public static final String NO_ACCESS_PAGE = "/admin/no-access.xhtml";

    private static final Logger LOG = Logger.getLogger(RegistryAuthenticationMechanism.class.getName());

    @Inject
    BeanManager beanManager;

    @Inject
    IdentityStoreHandler identityStoreHandler;

    @Inject
    LoginThrottle throttle;

    @Inject
    OidcSettings oidc;

    @Inject
    OidcSignIn oidcSignIn;

    @Inject
    ProviderTokens providerTokens;

    /** Request attribute set when a login was refused by the throttle: the seconds to wait. */
    public static final String THROTTLED = "registry.login.throttled";

    private volatile HttpAuthenticationMechanism jwtMechanism;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
            throws AuthenticationException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/api") || path.startsWith("/api/")) {
            return api(request, response, context);
        }
        return ui(request, path, context);
    }

    private AuthenticationStatus api(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
            throws AuthenticationException {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || authorization.isBlank()) {
            return context.doNothing();
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            request.setAttribute(INVALID_TOKEN, "Only bearer tokens are accepted");
            return context.doNothing();
        }
        String token = authorization.substring(7).trim();
        var fromProvider = providerTokens.fromProvider(token);
        if (fromProvider.isPresent()) {
            var verdict = providerTokens.verify(fromProvider.get());
            if (verdict.caller() != null) return context.notifyContainerAboutLogin(verdict.caller(), verdict.caller().groups());
            request.setAttribute(INVALID_TOKEN, verdict.refusal());
            return context.doNothing();
        }
        // Payara's mechanism would send a bare 401 page itself; the API answers with problem+json instead.
        HttpMessageContext quiet = new HttpMessageContextWrapper(context) {
            @Override
            public AuthenticationStatus responseUnauthorized() {
                return AuthenticationStatus.SEND_FAILURE;
            }
        };
        AuthenticationStatus status = jwt().validateRequest(request, response, quiet);
        if (status == AuthenticationStatus.SUCCESS) {
            return status;
        }
        request.setAttribute(INVALID_TOKEN, "The bearer token is invalid or expired");
        return context.doNothing();
    }

    private AuthenticationStatus ui(HttpServletRequest request, String path, HttpMessageContext context) {
        if (context.isAuthenticationRequest() && context.getAuthParameters().getCredential() != null) {
            if (oidc.enabled()) return AuthenticationStatus.SEND_FAILURE; // passwords are not for the admin UI then
            return login(request, context, context.getAuthParameters().getCredential());
        }
        if (oidc.enabled() && path.equals(CALLBACK)) {
            return callback(request, context);
        }
        HttpSession session = request.getSession(false);
        Object principal = session == null ? null : session.getAttribute(SESSION_PRINCIPAL);
        if (principal instanceof RegistryPrincipal caller && oidc.enabled() && expired(session)) {
            LOG.info(() -> "Session of " + caller.subject() + " ended: signed in longer than REGISTRY_OIDC_MAX_SESSION_MINUTES");
            session.invalidate();
            principal = null;
        }
        if (principal instanceof RegistryPrincipal caller) {
            if (caller.groups().isEmpty() && isProtected(path) && !path.equals(NO_ACCESS_PAGE)) {
                return context.redirect(request.getContextPath() + NO_ACCESS_PAGE);
            }
            return context.notifyContainerAboutLogin(caller, caller.groups());
        }
        if (isProtected(path)) {
            String next = path + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
            if (oidc.enabled()) return toProvider(request, context, next);
            return context.redirect(request.getContextPath() + LOGIN_PAGE + "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
        }
        return context.doNothing();
    }

    /** An anonymous browser on a protected page: to the provider's authorization endpoint (or, if it is down, a page that says so). */
    private AuthenticationStatus toProvider(HttpServletRequest request, HttpMessageContext context, String next) {
        try {
            var kind = BrowserNavigation.kindOf(request);
            // a form post or Ajax request of a page whose session ended: signed in again, the browser returns to the page
            String back = kind == BrowserNavigation.Kind.REDIRECT ? next : next.split("\\?")[0];
            String to = oidcSignIn.start(request, back).toString();
            if (kind == BrowserNavigation.Kind.REDIRECT) return context.redirect(to);
            BrowserNavigation.continueTo(request, context.getResponse(), to, "Sign in again");
            return AuthenticationStatus.SEND_CONTINUE;
        } catch (java.io.IOException e) {
            return AuthenticationStatus.SEND_FAILURE;
        } catch (OidcProvider.Unavailable e) {
            LOG.warning(() -> "Sign-in cannot start: " + e.getMessage());
            return context.redirect(request.getContextPath() + LOGIN_PAGE + "?failed=provider");
        }
    }

    /** The provider sent the browser back: signed in (to the page asked for), or to the sign-in page with the reason. */
    private AuthenticationStatus callback(HttpServletRequest request, HttpMessageContext context) {
        OidcSignIn.Outcome outcome = oidcSignIn.finish(request);
        if (outcome instanceof OidcSignIn.SignedIn signedIn) {
            request.getSession(true);
            request.changeSessionId(); // no session fixation
            HttpSession session = request.getSession();
            session.setAttribute(SESSION_PRINCIPAL, signedIn.principal());
            session.setAttribute(OidcSignIn.SESSION, signedIn.session());
            String to = signedIn.principal().groups().isEmpty() ? NO_ACCESS_PAGE : signedIn.next();
            return context.redirect(request.getContextPath() + to);
        }
        String reason = ((OidcSignIn.Refused) outcome).reason();
        return context.redirect(request.getContextPath() + LOGIN_PAGE + "?failed=" + reason);
    }

    private boolean expired(HttpSession session) {
        Object kept = session.getAttribute(OidcSignIn.SESSION);
        if (!(kept instanceof OidcSignIn.Session signedIn)) return true; // a session of a local login while OIDC is on
        return signedIn.expired(java.time.Instant.now(), oidc.maxSessionSeconds());
    }

    private AuthenticationStatus login(HttpServletRequest request, HttpMessageContext context, Credential credential) {
        String username = credential instanceof jakarta.security.enterprise.credential.UsernamePasswordCredential up ? up.getCaller() : null;
        java.util.OptionalLong wait = throttle.admit(username, request.getRemoteAddr());
        if (wait.isPresent()) {
            LOG.warning(() -> "Login refused: too many attempts address=" + request.getRemoteAddr());
            request.setAttribute(THROTTLED, wait.getAsLong());
            return AuthenticationStatus.SEND_FAILURE;
        }
        CredentialValidationResult result = identityStoreHandler.validate(credential);
        if (result.getStatus() != CredentialValidationResult.Status.VALID
                || !(result.getCallerPrincipal() instanceof RegistryPrincipal caller)) {
            throttle.failed(username);
            LOG.info(() -> "Login refused: invalid credentials user=" + AuthResource.safe(username) + " address=" + request.getRemoteAddr());
            return AuthenticationStatus.SEND_FAILURE;
        }
        throttle.succeeded(username);
        request.getSession(true);
        request.changeSessionId(); // no session fixation
        request.getSession().setAttribute(SESSION_PRINCIPAL, caller);
        return context.notifyContainerAboutLogin(caller, caller.groups());
    }

    /** Where to return after signing in: only a page of the admin UI, never an open redirect, never the sign-in itself. */
    public static String safeNext(String next) {
        if (next != null && next.startsWith("/admin/") && !next.startsWith("/admin/login") && !next.startsWith(CALLBACK)
                && !next.contains("//") && !next.contains("\\") && next.length() < 1000) {
            return next;
        }
        return "/admin/index.xhtml";
    }

    /** The admin pages need a login; the login page itself, public pages and resources do not. */
    static boolean isProtected(String path) {
        return (path.equals("/admin") || path.startsWith("/admin/")) && !path.equals(LOGIN_PAGE);
    }

    private HttpAuthenticationMechanism jwt() {
        HttpAuthenticationMechanism mechanism = jwtMechanism;
        if (mechanism == null) {
            for (Bean<?> bean : beanManager.getBeans(HttpAuthenticationMechanism.class, Any.Literal.INSTANCE)) {
                if (!bean.getBeanClass().equals(RegistryAuthenticationMechanism.class)
                        && !bean.getTypes().contains(RegistryAuthenticationMechanism.class)) {
                    mechanism = (HttpAuthenticationMechanism) beanManager.getReference(bean, HttpAuthenticationMechanism.class,
                            beanManager.createCreationalContext(bean));
                    LOG.info(() -> "API bearer tokens are verified by " + bean.getBeanClass().getName());
                    break;
                }
            }
            if (mechanism == null) {
                throw new IllegalStateException("Payara's MP-JWT authentication mechanism was not found");
            }
            jwtMechanism = mechanism;
        }
        return mechanism;
    }
}
