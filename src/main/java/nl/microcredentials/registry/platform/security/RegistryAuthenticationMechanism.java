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

/**
 * The registry's one authentication mechanism (Payara registers its MP-JWT mechanism unconditionally, so a second
 * one would be ambiguous). {@code /api/*} is delegated to Payara's MP-JWT mechanism: bearer tokens only, never the UI
 * session. Everything else is the admin UI: a login through {@code SecurityContext.authenticate} validated by the
 * identity stores, the caller kept in the HTTP session, and a redirect to the login page for protected pages.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class RegistryAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** Request attribute set when a bearer token was presented but is not valid; answered 401 by {@code ApiAccessFilter}. */
    public static final String INVALID_TOKEN = "registry.invalidToken";
    public static final String SESSION_PRINCIPAL = "registry.principal";
    public static final String LOGIN_PAGE = "/admin/login.xhtml";

    private static final Logger LOG = Logger.getLogger(RegistryAuthenticationMechanism.class.getName());

    @Inject
    BeanManager beanManager;

    @Inject
    IdentityStoreHandler identityStoreHandler;

    @Inject
    LoginThrottle throttle;

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
            return login(request, context, context.getAuthParameters().getCredential());
        }
        HttpSession session = request.getSession(false);
        Object principal = session == null ? null : session.getAttribute(SESSION_PRINCIPAL);
        if (principal instanceof RegistryPrincipal caller) {
            return context.notifyContainerAboutLogin(caller, caller.groups());
        }
        if (isProtected(path)) {
            String next = path + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
            return context.redirect(request.getContextPath() + LOGIN_PAGE + "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
        }
        return context.doNothing();
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
