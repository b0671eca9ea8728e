package nl.microcredentials.registry.platform.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.PrivateKey;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Issues the registry's own access tokens (RS256), with the claims of API.md: {@code sub}, {@code upn},
 * {@code groups}, {@code institution}, {@code board}. The key comes from configuration, never from the WAR.
 */
@ApplicationScoped
public class TokenIssuer {

    @Inject
    @ConfigProperty(name = "registry.jwt.signing-key.location")
    String keyLocation;

    @Inject
    @ConfigProperty(name = "registry.jwt.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "registry.jwt.lifetime-seconds", defaultValue = "3600")
    int lifetimeSeconds;

    private PrivateKey key;

    @PostConstruct
    void loadKey() {
        try {
            key = Pem.privateKey(Pem.read(keyLocation));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the token signing key from registry.jwt.signing-key.location", e);
        }
    }

    public record Token(String accessToken, int expiresIn) { }

    public Token issue(RegistryPrincipal principal, String email) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(principal.subject());
        claims.setClaim("upn", email != null ? email : principal.getName());
        claims.setClaim("preferred_username", principal.getName());
        claims.setClaim("name", principal.displayName());
        claims.setStringListClaim("groups", principal.groups().stream().sorted().toList());
        if (principal.institution() != null) claims.setClaim(Role.INSTITUTION_CLAIM, principal.institution());
        if (principal.board() != null) claims.setClaim(Role.BOARD_CLAIM, principal.board());
        claims.setIssuedAtToNow();
        claims.setNotBeforeMinutesInThePast(1);
        claims.setExpirationTimeMinutesInTheFuture(lifetimeSeconds / 60f);
        claims.setJwtId(UUID.randomUUID().toString());

        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return new Token(jws.getCompactSerialization(), lifetimeSeconds);
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }
}
