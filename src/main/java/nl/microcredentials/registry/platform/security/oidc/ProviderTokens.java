package nl.microcredentials.registry.platform.security.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import nl.microcredentials.registry.platform.security.Account;
import nl.microcredentials.registry.platform.security.RegistryPrincipal;

/**
 * The OpenID Connect provider's access tokens on {@code /api}, beside the consortium's RS256 tokens that MP-JWT
 * verifies: a JWT whose {@code iss} is the configured provider is verified here, with the provider's keys from
 * discovery (RSA or EC signatures only), its issuer, expiry and not-before (60 s skew), and an audience of
 * {@code REGISTRY_OIDC_API_AUDIENCE} (default: the client id). Role and scope come from the same entitlements as a
 * sign-in; a token without a recognised entitlement authenticates a caller without a role (403 where one is needed).
 */
@ApplicationScoped
public class ProviderTokens {

    private static final Logger LOG = Logger.getLogger(ProviderTokens.class.getName());

    /** A provider token's verdict: the caller, or why the token is refused. */
    public record Verdict(RegistryPrincipal caller, String refusal) { }

    @Inject
    OidcSettings settings;

    @Inject
    OidcProvider provider;

    @Inject
    OidcSignIn signIn;

    @Inject
    OidcAccounts accounts;

    /** The bearer token as a signed JWT, when it claims to come from the configured provider (read before verifying: routing only). */
    public Optional<SignedJWT> fromProvider(String token) {
        if (!settings.enabled()) return Optional.empty();
        try {
            if (!(JWTParser.parse(token) instanceof SignedJWT jwt)) return Optional.empty();
            String issuer = jwt.getJWTClaimsSet().getIssuer();
            return issuer != null && settings.issuer().map(issuer::equals).orElse(false) ? Optional.of(jwt) : Optional.empty();
        } catch (java.text.ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public Verdict verify(SignedJWT token) {
        try {
            var metadata = provider.metadata();
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSTypeVerifier((type, context) -> { }); // at+jwt (RFC 9068) or JWT: both are access tokens here
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
                    JWSAlgorithm.PS256, JWSAlgorithm.ES256, JWSAlgorithm.ES384), signIn.keySource()));
            var verifier = new DefaultJWTClaimsVerifier<>(settings.apiAudience(),
                    new JWTClaimsSet.Builder().issuer(metadata.getIssuer().getValue()).build(), Set.of("sub", "exp"));
            verifier.setMaxClockSkew(OidcSignIn.CLOCK_SKEW_SECONDS);
            processor.setJWTClaimsSetVerifier(verifier);
            JWTClaimsSet claims = processor.process(token, null);
            var scope = Entitlements.resolve(OidcSignIn.values(claims.getClaim(settings.rolesClaim())), settings.entitlementPrefix());
            String issuer = metadata.getIssuer().getValue();
            String id = accounts.find(issuer, claims.getSubject()).map(Account::getId)
                    .orElseGet(() -> OidcAccounts.externalId(issuer, claims.getSubject()));
            String name = Optional.ofNullable(claims.getStringClaim("email")).orElse(claims.getSubject());
            String displayName = Optional.ofNullable(claims.getStringClaim("name")).orElse(name);
            boolean access = scope.problem() == null;
            return new Verdict(new RegistryPrincipal(id, name, displayName, access ? scope.roles() : Set.of(),
                    access ? scope.institution() : null, access ? scope.board() : null), null);
        } catch (OidcProvider.Unavailable e) {
            LOG.warning(() -> "A provider token could not be verified: " + e.getMessage());
            return new Verdict(null, "The identity provider's keys cannot be read now");
        } catch (BadJOSEException | com.nimbusds.jose.JOSEException | java.text.ParseException e) {
            return new Verdict(null, "The bearer token is invalid or expired");
        }
    }
}
