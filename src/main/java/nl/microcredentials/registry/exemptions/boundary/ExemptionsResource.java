package nl.microcredentials.registry.exemptions.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import nl.microcredentials.registry.exemptions.control.ElmoReader;
import nl.microcredentials.registry.exemptions.control.ElmoXml;
import nl.microcredentials.registry.exemptions.entity.DecisionOutcome;
import nl.microcredentials.registry.exemptions.entity.ExemptionStatus;
import nl.microcredentials.registry.platform.rest.ETags;
import nl.microcredentials.registry.platform.rest.Page;
import nl.microcredentials.registry.platform.rest.PageRequest;
import nl.microcredentials.registry.platform.rest.Problem;
import nl.microcredentials.registry.platform.rest.PublicUrl;
import nl.microcredentials.registry.platform.rest.QueryParams;
import nl.microcredentials.registry.platform.rest.RegistryApplication;
import nl.microcredentials.registry.platform.rest.RegistryException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/exemption-requests}: record, route, review, decide and appeal exemption requests. */
@RequestScoped
@Path("exemption-requests")
@Tag(name = "Exemption requests", description = "Requests for exemption on the strength of a micro-credential, decided by the routed Board of Examiners")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = RegistryApplication.BEARER)
@APIResponse(responseCode = "400", description = "Invalid input; errors[] names each field",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "Unknown, or not visible to the caller",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ExemptionsResource {

    @Inject
    Exemptions exemptions;

    @Context
    UriInfo uri;

    @Context
    HttpServletRequest request;

    @Inject
    PublicUrl publicUrl;

    @Schema(name = "ExemptionRequestPage")
    public record ExemptionPage(List<ExemptionView> items, int pageNumber, int pageSize, long totalItems, int totalPages, boolean hasNextPage) { }

    @Schema(name = "InformationRequest")
    public record InformationRequest(@Schema(required = true) String message) { }

    @Schema(name = "ExtensionRequest")
    public record ExtensionRequest(@Schema(required = true, description = "the notice of delay (Awb 4:14)") String reason,
                                   @Schema(required = true, minimum = "1", maximum = "365") Integer days) { }

    @Schema(name = "DecisionRequest")
    public record DecisionRequest(@Schema(required = true) DecisionOutcome outcome,
                                  @Schema(description = "required for PARTIALLY_GRANTED: more than 0, less than the course's EC") BigDecimal ectsGranted,
                                  @Schema(required = true) String motivation) { }

    @Schema(name = "WithdrawalRequest")
    public record WithdrawalRequest(String reason) { }

    @Schema(name = "AppealRequest")
    public record AppealRequest(@Schema(required = true, example = "2026-12-01") LocalDate filedOn,
                                @Schema(description = "required when filedOn is after the appeal deadline (decision + 6 weeks): why the late appeal"
                                        + " is accepted (Awb 6:11, excusable delay), as the board recorded it") String lateAcceptanceReason) { }

    @Schema(name = "AppealOutcomeRequest")
    public record AppealOutcomeRequest(@Schema(required = true, enumeration = {"UPHELD", "OVERTURNED"}) String outcome) { }

    @Schema(name = "RerouteRequest")
    public record RerouteRequest(@Schema(required = true, description = "a board id of the receiving institution") String board,
                                 @Schema(required = true) String reason) { }

    /**
     * The XML variant of {@link #record}: the ELMO document a learner brings from their home institution (EMREX). Declared
     * before the JSON method: /openapi has one operation per path and method, the JSON method's, which documents both media
     * types and these query parameters.
     */
    @POST
    @Consumes({ElmoXml.MEDIA_TYPE, MediaType.TEXT_XML})
    public Response recordElmo(@HeaderParam("Idempotency-Key") String idempotencyKey,
                               @QueryParam("programme") String programme, @QueryParam("programmeVersion") String programmeVersion,
                               @QueryParam("email") String email, @QueryParam("studentNumber") String studentNumber,
                               @QueryParam("evidenceUrl") String evidenceUrl, @QueryParam("targetCourseCode") String targetCourseCode,
                               @QueryParam("targetCourseTitle") String targetCourseTitle, @QueryParam("targetCourseEcts") String targetCourseEcts,
                               @QueryParam("targetProgramme") String targetProgramme, @QueryParam("motivation") String motivation,
                               InputStream body) {
        byte[] xml = ElmoReader.bytes(body);
        Exemptions.ElmoFields fields = new Exemptions.ElmoFields(QueryParams.blank(programme),
                QueryParams.integer("programmeVersion", programmeVersion, 1, 1_000_000), email, studentNumber, evidenceUrl, targetCourseCode,
                targetCourseTitle, QueryParams.decimal("targetCourseEcts", targetCourseEcts), targetProgramme, motivation);
        Exemptions.ElmoRecording recording = exemptions.fromElmo(xml, fields);
        ExemptionView view;
        try {
            view = exemptions.recordElmo(recording, idempotencyKey);
        } catch (PersistenceException duplicate) {
            Optional<ExemptionView> first = exemptions.byIdempotencyKey(idempotencyKey, recording.input());
            if (first.isEmpty()) throw duplicate;
            view = first.get();
        }
        return Response.created(uri.getAbsolutePathBuilder().path(view.id()).build()).tag(ETags.of(view.version())).entity(view).build();
    }

    @POST
    @Operation(operationId = "recordExemptionRequest", summary = "Record an exemption request (institution-admin of the receiving institution)",
            description = "Routed to the board whose course-code prefix matches the target course, else the default board. decisionDue = today + "
                    + "the board's term. Warnings (not errors): evidence before the programme's microcredentialSince, a withdrawn programme, no "
                    + "applicable agreement. With an Idempotency-Key header a retried POST returns the first result, never a duplicate; the same key with "
                    + "another body is a 422 and records nothing. An explicit programmeVersion must have been published on or before awardedOn "
                    + "(400 otherwise); the applicable agreements are judged on that version. An institution that is not an active member records nothing (403).\n\n"
                    + "From EMREX: with Content-Type application/xml the body is the ELMO v2 document the learner brings from their home institution "
                    + "(at most 1 MiB; no DOCTYPE, entities or external references: refused with a 400). The document names the learner (givenNames, "
                    + "familyName), the micro-credential and the award date (learningOpportunityInstance/date; status passed when given). The "
                    + "registry finds the micro-credential by the achievement URL (.../api/programmes/{id}/versions/{n}/achievement, which also names "
                    + "the version), another registry URL or id, or the edubadges badge class URL among the learning opportunity's identifiers, or "
                    + "by its issuer's identifier (schac, registryInstitutionCode or brin) and the issuer's course code (identifier type local). "
                    + "What the ELMO does not say comes from the query parameters: targetCourseCode, targetCourseTitle and targetCourseEcts (required), "
                    + "email, studentNumber (the receiving institution's), evidenceUrl, targetProgramme, motivation, programmeVersion, and programme "
                    + "(required when the document names several registered micro-credentials, or to name the one its only learning opportunity "
                    + "does not identify). The document is kept as the request's evidence (GET .../{id}/elmo-evidence). Same rules and answers as "
                    + "JSON; a 400 names the element path (/elmo/report[1]/learningOpportunitySpecification[1]/specifies/learningOpportunityInstance/date) "
                    + "or the query parameter.")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, description = "a client-chosen key, unique per request", schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "targetCourseCode", in = ParameterIn.QUERY, description = "application/xml only: the target course's code (required)", schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "targetCourseTitle", in = ParameterIn.QUERY, description = "application/xml only: the target course's title (required)", schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "targetCourseEcts", in = ParameterIn.QUERY, description = "application/xml only: the target course's EC (required)", schema = @Schema(type = SchemaType.NUMBER))
    @Parameter(name = "programme", in = ParameterIn.QUERY, description = "application/xml only: the micro-credential programme's id, when the document does not single it out", schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "programmeVersion", in = ParameterIn.QUERY, description = "application/xml only: the version earned, when the document does not name it", schema = @Schema(type = SchemaType.INTEGER))
    @Parameter(name = "email", in = ParameterIn.QUERY, description = "application/xml only: the learner's e-mail", schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "studentNumber", in = ParameterIn.QUERY, description = "application/xml only: the learner's student number at the receiving institution", schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "evidenceUrl", in = ParameterIn.QUERY, description = "application/xml only: the edubadge assertion URL", schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "targetProgramme", in = ParameterIn.QUERY, description = "application/xml only: the learner's programme at the receiving institution", schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "motivation", in = ParameterIn.QUERY, description = "application/xml only: the learner's own motivation", schema = @Schema(type = SchemaType.STRING))
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExemptionInput.class)),
            @Content(mediaType = ElmoXml.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, description = "an ELMO v2 document (EMREX), "
                    + "namespace https://github.com/emrex-eu/elmo-schemas/tree/v1"))})
    @APIResponse(responseCode = "201", description = "Recorded", content = @Content(schema = @Schema(implementation = ExemptionView.class)))
    @APIResponse(responseCode = "413", description = "An ELMO document above 1 MiB", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response record(@HeaderParam("Idempotency-Key") String idempotencyKey, ExemptionInput input) {
        ExemptionView view;
        try {
            view = exemptions.record(input, idempotencyKey);
        } catch (PersistenceException duplicate) {
            // a concurrent retry with the same key won the race: answer with its result
            Optional<ExemptionView> first = exemptions.byIdempotencyKey(idempotencyKey, input);
            if (first.isEmpty()) throw duplicate;
            view = first.get();
        }
        return Response.created(uri.getAbsolutePathBuilder().path(view.id()).build()).tag(ETags.of(view.version())).entity(view).build();
    }

    @GET
    @Operation(operationId = "listExemptionRequests", summary = "Exemption requests: a board member's board's, an institution admin's institution's; coordinators see them pseudonymised",
            description = "Sorted by decisionDue by default. overdue=true: open, not suspended, past decisionDue.")
    @APIResponse(responseCode = "200", description = "A page", content = @Content(schema = @Schema(implementation = ExemptionPage.class)))
    @Parameter(name = "page", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.INTEGER, defaultValue = "1"))
    @Parameter(name = "pageSize", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.INTEGER, defaultValue = "20"))
    @Parameter(name = "sort", in = ParameterIn.QUERY, description = "decisionDue, receivedOn, updatedAt, reference, status; '-' for descending",
            schema = @Schema(type = SchemaType.STRING, defaultValue = "decisionDue"))
    public Page<ExemptionView> list(
            @QueryParam("status") @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = {"SUBMITTED", "IN_REVIEW", "INFORMATION_REQUESTED",
                    "DECIDED", "WITHDRAWN", "APPEALED", "UPHELD", "OVERTURNED"})) String status,
            @QueryParam("board") @Parameter(description = "a board id") String board,
            @QueryParam("overdue") @Parameter(schema = @Schema(type = SchemaType.BOOLEAN)) String overdue,
            @QueryParam("open") @Parameter(description = "only requests awaiting a decision", schema = @Schema(type = SchemaType.BOOLEAN)) String open,
            @QueryParam("dueBefore") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "date")) String dueBefore,
            @QueryParam("institution") @Parameter(description = "coordinators: one institution") String institution,
            @BeanParam PageRequest page) {
        String s = QueryParams.enumValue("status", status, ExemptionStatus.class);
        return exemptions.list(new Exemptions.Filter(s == null ? null : ExemptionStatus.valueOf(s), QueryParams.blank(board), bool("overdue", overdue),
                QueryParams.date("dueBefore", dueBefore), bool("open", open), QueryParams.blank(institution)), page);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getExemptionRequest", summary = "Read an exemption request, with the applicable agreements as advice")
    @APIResponse(responseCode = "200", description = "The request", content = @Content(schema = @Schema(implementation = ExemptionView.class)))
    public Response get(@PathParam("id") String id) {
        return tagged(exemptions.get(id));
    }

    @GET
    @Path("{id}/elmo")
    @Produces({ElmoXml.MEDIA_TYPE, MediaType.TEXT_XML, MediaType.APPLICATION_JSON}) // JSON: see acceptsXml
    @Operation(operationId = "getDecisionAsElmo", summary = "The decision as an EMREX/ELMO v2 document (for those who may see the request)",
            description = "One report issued by the receiving institution with one resultOfRecognition: status Positive / Partially Positive / "
                    + "Negative from the outcome, decisionDate, recognitionBasis (the micro-credential's issuer with its SCHAC identifier where known, "
                    + "the micro-credential as a learning opportunity with its EC, EQF (and NLQF) level, award date and the achievement URL of the "
                    + "version the learner earned) and recognitionResult (the target course with the EC granted; 0 when rejected). Valid against "
                    + "elmo-schema-v2.0.0.xsd. The learner's names, student number, evidence URL and the board's motivation only for the receiving "
                    + "institution and its board; for coordinators the learner's names are empty, as ELMO asks when they cannot be given.")
    @APIResponse(responseCode = "200", description = "The ELMO document", content = @Content(mediaType = ElmoXml.MEDIA_TYPE,
            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409", description = "Not decided (yet), or the decision was overturned on appeal",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response elmo(@PathParam("id") String id, @Context HttpHeaders headers) {
        String xml = exemptions.elmo(id, publicUrl.of(uri, request));
        acceptsXml(headers);
        return Response.ok(xml, ElmoXml.MEDIA_TYPE + ";charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"elmo-" + id.replaceAll("[^A-Za-z0-9-]", "") + ".xml\"").build();
    }

    @GET
    @Path("{id}/elmo-evidence")
    @Produces({ElmoXml.MEDIA_TYPE, MediaType.TEXT_XML, MediaType.APPLICATION_JSON}) // JSON: see acceptsXml
    @Operation(operationId = "getElmoEvidence", summary = "The ELMO document the request was recorded from, as received (the receiving institution and its board)")
    @APIResponse(responseCode = "200", description = "The ELMO document", content = @Content(mediaType = ElmoXml.MEDIA_TYPE,
            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "403", description = "A coordinator: the document holds learner data",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response elmoEvidence(@PathParam("id") String id, @Context HttpHeaders headers) {
        String xml = exemptions.elmoEvidence(id);
        acceptsXml(headers);
        return Response.ok(xml, ElmoXml.MEDIA_TYPE + ";charset=UTF-8").build();
    }

    /**
     * The ELMO endpoints answer XML only, but decide who may read what first: a client that accepts only JSON learns that it
     * is not signed in (401), may not see the request (404) or that it is undecided (409) as problem+json like everywhere
     * else, and gets the 406 only when the document itself would be the answer.
     */
    private static void acceptsXml(HttpHeaders headers) {
        boolean xml = headers.getAcceptableMediaTypes().stream()
                .anyMatch(m -> m.isCompatible(MediaType.APPLICATION_XML_TYPE) || m.isCompatible(MediaType.TEXT_XML_TYPE));
        if (!xml) throw new jakarta.ws.rs.NotAcceptableException();
    }

    @GET
    @Path("{id}/history")
    @Operation(operationId = "getExemptionRequestHistory", summary = "Every transition: actor, time, from, to, reason (append-only)")
    @APIResponse(responseCode = "200", description = "Oldest first", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ExemptionView.HistoryEntry.class)))
    public List<ExemptionView.HistoryEntry> history(@PathParam("id") String id) {
        return exemptions.history(id);
    }

    @POST
    @Path("{id}/review")
    @Operation(operationId = "reviewExemptionRequest", summary = "Start the review (member of the routed board)")
    @APIResponse(responseCode = "200", description = "In review", content = @Content(schema = @Schema(implementation = ExemptionView.class)))
    @APIResponse(responseCode = "409", description = "Not allowed in this state; allowed[] names what is", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response review(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return tagged(exemptions.review(id, ifMatch(id, ifMatch)));
    }

    @POST
    @Path("{id}/request-information")
    @Operation(operationId = "requestInformation", summary = "Ask the learner for information (member of the routed board); the decision clock stops until it is received")
    @APIResponse(responseCode = "200", description = "Information requested", content = @Content(schema = @Schema(implementation = ExemptionView.class)))
    public Response requestInformation(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, InformationRequest body) {
        return tagged(exemptions.requestInformation(id, body == null ? null : body.message(), ifMatch(id, ifMatch)));
    }

    @POST
    @Path("{id}/information-received")
    @Operation(operationId = "recordInformationReceived", summary = "The information arrived (routed board or institution admin); the clock runs again, decisionDue moves by the days it stood still")
    @APIResponse(responseCode = "200", description = "Back in review", content = @Content(schema = @Schema(implementation = ExemptionView.class)))
    public Response informationReceived(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return tagged(exemptions.informationReceived(id, ifMatch(id, ifMatch)));
    }

    @POST
    @Path("{id}/extend")
    @Operation(operationId = "extendDecisionTerm", summary = "Extend the decision term once, with a reason (notice of delay, Awb 4:14)")
    @APIResponse(responseCode = "200", description = "Extended", content = @Content(schema = @Schema(implementation = ExemptionView.class)))
    public Response extend(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, ExtensionRequest body) {
        return tagged(exemptions.extend(id, body == null ? null : body.reason(), body == null ? null : body.days(), ifMatch(id, ifMatch)));
    }

    @POST
    @Path("{id}/decision")
    @Operation(operationId = "decideExemptionRequest", summary = "Record the board's decision (member of the routed board only)",
            description = "A motivation is required; PARTIALLY_GRANTED needs ectsGranted between 0 and the course's EC (exclusive). The answer carries "
                    + "appealDeadline (decision date + 6 weeks), the legal-remedies text in Dutch and English and an ELMO-style resultOfRecognition.")
    @APIResponse(responseCode = "200", description = "Decided", content = @Content(schema = @Schema(implementation = ExemptionView.class)))
    @APIResponse(responseCode = "403", description = "Not a member of the routed board", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not in review (decided already?)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response decision(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, DecisionRequest body) {
        return tagged(exemptions.decide(id, body == null ? null : body.outcome(), body == null ? null : body.ectsGranted(),
                body == null ? null : body.motivation(), ifMatch(id, ifMatch)));
    }

    @POST
    @Path("{id}/withdraw")
    @Operation(operationId = "withdrawExemptionRequest", summary = "The learner withdraws the request before a decision (recorded by the institution or the board)")
    @APIResponse(responseCode = "200", description = "Withdrawn", content = @Content(schema = @Schema(implementation = ExemptionView.class)))
    public Response withdraw(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, WithdrawalRequest body) {
        return tagged(exemptions.withdraw(id, body == null ? null : body.reason(), ifMatch(id, ifMatch)));
    }

    @POST
    @Path("{id}/appeal")
    @Operation(operationId = "fileAppeal", summary = "Record an appeal to the Examination Appeals Board (institution admin)")
    @APIResponse(responseCode = "200", description = "Appealed", content = @Content(schema = @Schema(implementation = ExemptionView.class)))
    public Response appeal(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, AppealRequest body) {
        return tagged(exemptions.appeal(id, body == null ? null : body.filedOn(), body == null ? null : body.lateAcceptanceReason(), ifMatch(id, ifMatch)));
    }

    @POST
    @Path("{id}/appeal-outcome")
    @Operation(operationId = "recordAppealOutcome", summary = "Record the appeal's outcome: UPHELD (the decision stands) or OVERTURNED (institution admin)")
    @APIResponse(responseCode = "200", description = "Recorded", content = @Content(schema = @Schema(implementation = ExemptionView.class)))
    public Response appealOutcome(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, AppealOutcomeRequest body) {
        return tagged(exemptions.appealOutcome(id, body == null ? null : body.outcome(), ifMatch(id, ifMatch)));
    }

    @POST
    @Path("{id}/reroute")
    @Operation(operationId = "rerouteExemptionRequest", summary = "Route the request to another board of the institution, with a reason (institution admin)",
            description = "Forwarding to the competent board (Awb 2:3): the request starts afresh there. Its status becomes SUBMITTED, the new "
                    + "board's decision term runs from today (decisionDue = today + that term), and the old board's review, information request "
                    + "and notice of delay do not carry over. receivedOn keeps the day the institution received the request.")
    @APIResponse(responseCode = "200", description = "Re-routed", content = @Content(schema = @Schema(implementation = ExemptionView.class)))
    public Response reroute(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, RerouteRequest body) {
        return tagged(exemptions.reroute(id, body == null ? null : body.board(), body == null ? null : body.reason(), ifMatch(id, ifMatch)));
    }

    /** The version If-Match requires; a list naming several versions is resolved against the current one. */
    private java.util.OptionalInt ifMatch(String id, String header) {
        return ETags.ifMatch(header, () -> exemptions.get(id).version());
    }

    private static Response tagged(ExemptionView view) {
        return Response.ok(view).tag(ETags.of(view.version())).build();
    }

    private static Boolean bool(String field, String value) {
        if (value == null || value.isBlank()) return null;
        return switch (value.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw RegistryException.invalid(field, "must be true or false");
        };
    }
}
