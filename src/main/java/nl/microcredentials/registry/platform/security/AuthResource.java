package nl.microcredentials.registry.platform.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.logging.Logger;
import nl.microcredentials.registry.platform.rest.Problem;
import nl.microcredentials.registry.platform.rest.RegistryException;
import nl.microcredentials.registry.platform.rest.Validation;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /api/auth/token}: the registry's own accounts exchange username and password for a bearer token. */
@RequestScoped
@Path("auth/token")
@Tag(name = "Authentication", description = "Tokens for the registry's own accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

    private static final Logger LOG = Logger.getLogger(AuthResource.class.getName());

    @Inject
    AccountIdentityStore accounts;

    @Inject
    TokenIssuer issuer;

    @Inject
    jakarta.validation.Validator validator;

    @Inject
    LoginThrottle throttle;

    @Inject
    nl.microcredentials.registry.platform.security.oidc.OidcSettings oidc;

    /** Passwords of the registry's own accounts: on without OpenID Connect; with it, only when set to true (e.g. a break-glass account). */
    @Inject
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "registry.local-passwords")
    java.util.Optional<Boolean> localPasswords;

    @jakarta.ws.rs.core.Context
    jakarta.servlet.http.HttpServletRequest http;

    @Schema(name = "TokenRequest")
    public static class TokenRequest {
        @NotBlank @Size(max = 100) @Schema(example = "coordinator")
        public String username;

        @NotBlank @Size(max = 200) @Schema(example = "demo")
        public String password;

        @Override
        public String toString() {
            return "TokenRequest[username=" + username + "]"; // never the password
        }
    }

    @Schema(name = "TokenResponse")
    public record TokenResponse(String accessToken, String tokenType, int expiresIn) { }

    @POST
    @Operation(operationId = "issueToken", summary = "Exchange the credentials of a registry account for an access token",
            description = "The token is an RS256 JWT with sub, upn, groups and, for institution staff, the institution and board claims. "
                    + "A wrong password and an unknown user get the same 401.")
    @APIResponse(responseCode = "200", description = "A bearer token", content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "400", description = "Missing username or password", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Invalid credentials", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Local passwords are off: the registry signs staff in through OpenID Connect",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many attempts for this username or from this address; Retry-After says when to try again",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TokenResponse token(TokenRequest request) {
        if (oidc.enabled() && !localPasswords.orElse(false)) {
            throw RegistryException.forbidden("Local passwords are off: staff sign in through the institution's account ("
                    + oidc.providerName() + "); API clients send the provider's or the consortium's tokens (REGISTRY_LOCAL_PASSWORDS)");
        }
        Validation.check(validator, request, null);
        String address = http == null ? null : http.getRemoteAddr();
        var refusal = throttle.refusal(request.username, address);
        if (refusal.isPresent()) {
            LOG.log(java.util.logging.Level.WARNING, "Token refused: too many attempts user={0} address={1}", new Object[] {safe(request.username), address});
            // Retry-After, and the IETF RateLimit fields: which limit refused, nothing left of it, and when it frees up
            throw RegistryException.tooManyRequests(refusal.get().seconds())
                    .withHeader("RateLimit-Policy", throttle.policyHeader())
                    .withHeader("RateLimit", "\"" + refusal.get().policy() + "\";r=0;t=" + refusal.get().seconds());
        }
        CredentialValidationResult result = accounts.validate(new UsernamePasswordCredential(request.username, request.password));
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            throttle.failed(request.username);
            // the username and address for the security log; never the password
            LOG.log(java.util.logging.Level.INFO, "Token refused: invalid credentials user={0} address={1}", new Object[] {safe(request.username), address});
            throw new RegistryException(401, "invalid-credentials", "Invalid credentials",
                    "The username or password is not correct", null, null);
        }
        throttle.succeeded(request.username);
        RegistryPrincipal principal = (RegistryPrincipal) result.getCallerPrincipal();
        TokenIssuer.Token token = issuer.issue(principal, accounts.email(principal.subject()));
        return new TokenResponse(token.accessToken(), "Bearer", token.expiresIn());
    }

    /** A username as it may appear in a log line: printable, short, no line breaks. */
    static String safe(String username) {
        String s = username == null ? "" : username.replaceAll("[^\\p{Alnum}._@+-]", "_");
        return s.length() > 100 ? s.substring(0, 100) : s;
    }
}
