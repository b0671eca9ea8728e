package nl.microcredentials.registry.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/**
 * Tokens of the test identity provider, whose public key the registry trusts in the integration tests only through
 * MP_JWT_VERIFY_PUBLICKEY_LOCATION and MP_JWT_VERIFY_ISSUER (pom.xml): the override path an operator uses.
 */
public final class TestTokens {

    public static final String ISSUER = "https://idp.test.invalid";

    private TestTokens() { }

    public static String coordinator() {
        return token("coordinator@pilot.invalid", List.of("coordinator"), null, null, ISSUER, 600, key());
    }

    public static String institutionAdmin(String institution) {
        return token("admin@" + institution + ".invalid", List.of("institution-admin"), institution, null, ISSUER, 600, key());
    }

    public static String boardMember(String institution, String board) {
        return token("member@" + institution + ".invalid", List.of("board-member"), institution, board, ISSUER, 600, key());
    }

    public static String token(String upn, List<String> groups, String institution, String board, String issuer, int lifetimeSeconds, PrivateKey key) {
        try {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(issuer);
            claims.setSubject(upn);
            claims.setClaim("upn", upn);
            claims.setStringListClaim("groups", groups);
            if (institution != null) claims.setClaim("institution", institution);
            if (board != null) claims.setClaim("board", board);
            NumericDate now = NumericDate.now();
            claims.setIssuedAt(now);
            NumericDate expires = NumericDate.fromSeconds(now.getValue() + lifetimeSeconds);
            claims.setExpirationTime(expires);
            if (lifetimeSeconds < 0) {
                claims.setIssuedAt(NumericDate.fromSeconds(now.getValue() + 2L * lifetimeSeconds));
            }
            claims.setGeneratedJwtId();
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(key);
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jws.setHeader("typ", "JWT");
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The test identity provider's private key (src/test/resources/keys; never in the WAR). */
    public static PrivateKey key() {
        try {
            String pem = Files.readString(Path.of(System.getProperty("test.keys.dir", "src/test/resources/keys"), "test-idp-private.pem"));
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key nobody trusts. */
    public static PrivateKey foreignKey() {
        try {
            return RsaJwkGenerator.generateJwk(2048).getRsaPrivateKey();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
