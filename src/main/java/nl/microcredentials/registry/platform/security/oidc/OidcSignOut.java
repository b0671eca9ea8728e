package nl.microcredentials.registry.platform.security.oidc;

import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Optional;
import java.util.logging.Logger;
import nl.microcredentials.registry.platform.rest.PublicUrl;

/**
 * Logout at the provider too (OpenID Connect RP-Initiated Logout 1.0): the browser goes to the provider's
 * {@code end_session_endpoint} with the ID token as hint, the client id and
 * {@code <public URL>/admin/login.xhtml?signedOut=true} to come back to. A provider without that endpoint (or one that
 * cannot be read now) ends only the registry's session.
 */
@ApplicationScoped
public class OidcSignOut {

    private static final Logger LOG = Logger.getLogger(OidcSignOut.class.getName());

    @Inject
    OidcProvider provider;

    @Inject
    OidcSettings settings;

    @Inject
    PublicUrl publicUrl;

    public Optional<URI> endSessionUri(OidcSignIn.Session session, HttpServletRequest request) {
        try {
            URI endpoint = provider.metadata().getEndSessionEndpointURI();
            if (endpoint == null) return Optional.empty();
            return Optional.of(new LogoutRequest(endpoint, JWTParser.parse(session.idToken()), null, new ClientID(settings.clientId()),
                    postLogoutRedirectUri(request), null, null).toURI());
        } catch (OidcProvider.Unavailable | java.text.ParseException e) {
            LOG.warning(() -> "Signed out here only: " + e.getMessage());
            return Optional.empty();
        }
    }

    public URI postLogoutRedirectUri(HttpServletRequest request) {
        return URI.create(publicUrl.of(request) + "/admin/login.xhtml?signedOut=true");
    }
}
