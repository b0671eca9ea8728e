package nl.microcredentials.registry.platform.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Contact;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The REST API under {@code /api}. {@code @LoginConfig} is only seen by Payara when this class is a CDI bean,
 * hence {@code @ApplicationScoped}.
 */
@ApplicationScoped
@ApplicationPath("api")
@LoginConfig(authMethod = "MP-JWT")
@OpenAPIDefinition(
        info = @Info(title = "Microcredential Recognition Registry", version = "1.0",
                description = "The consortium registry of the Dutch national pilot of micro-credentials: member institutions and their "
                        + "Boards of Examiners, micro-credential programmes, recognition agreements and exemption requests. "
                        + "Errors are RFC 9457 application/problem+json; collections are paged (page, pageSize <= 250, sort); "
                        + "mutable resources carry a version and an ETag, and updates accept If-Match (412 when stale).",
                contact = @Contact(name = "National pilot office"),
                license = @License(name = "EUPL-1.2", url = "https://joinup.ec.europa.eu/collection/eupl/eupl-text-eupl-12")))
@SecurityScheme(securitySchemeName = RegistryApplication.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "RS256 JWT (MicroProfile JWT) with claims sub, upn, groups (coordinator | institution-admin | board-member), "
                + "institution (institution code) and board (board id)")
public class RegistryApplication extends Application {
    public static final String BEARER = "bearer";
}
