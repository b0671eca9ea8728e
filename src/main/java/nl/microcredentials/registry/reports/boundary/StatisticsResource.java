package nl.microcredentials.registry.reports.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import nl.microcredentials.registry.reports.control.Statistics;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/statistics}: public counts of the pilot, never personal data; cacheable with an ETag over the counts. */
@RequestScoped
@Path("statistics")
@Tag(name = "Statistics", description = "Public counts of the pilot")
public class StatisticsResource {

    static final int MAX_AGE_SECONDS = 60;

    @Inject
    Reports reports;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getStatistics", summary = "Counts of member institutions, published programmes, active agreements and exemption requests (public)",
            description = "No personal data. Cache-Control: public, max-age=60; the ETag covers the counts, so If-None-Match answers 304 "
                    + "while they are unchanged.")
    @APIResponse(responseCode = "200", description = "The counts", content = @Content(schema = @Schema(implementation = Statistics.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag in If-None-Match")
    public Response statistics(@jakarta.ws.rs.HeaderParam(jakarta.ws.rs.core.HttpHeaders.IF_MATCH) String ifMatch,
                               @jakarta.ws.rs.HeaderParam(jakarta.ws.rs.core.HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Statistics s = reports.statistics();
        EntityTag tag = new EntityTag(digest(s.institutions() + "|" + s.institutionsBySector() + "|" + s.publishedProgrammes() + "|"
                + s.activeAgreements() + "|" + s.exemptionRequests() + "|" + s.decidedExemptionRequests()));
        CacheControl cache = new CacheControl();
        cache.setPrivate(false);
        cache.setMaxAge(MAX_AGE_SECONDS);
        var notModified = nl.microcredentials.registry.platform.rest.ETags.conditionalGet(ifMatch, ifNoneMatch, tag);
        if (notModified.isPresent()) return notModified.get().cacheControl(cache).tag(tag).build();
        return Response.ok(s).tag(tag).cacheControl(cache).build();
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
