package nl.microcredentials.registry.reports.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import nl.microcredentials.registry.institutions.entity.Sector;
import nl.microcredentials.registry.platform.rest.Problem;
import nl.microcredentials.registry.platform.rest.QueryParams;
import nl.microcredentials.registry.platform.rest.RegistryApplication;
import nl.microcredentials.registry.reports.control.PilotReport;
import nl.microcredentials.registry.reports.control.RecognitionMatrix;
import nl.microcredentials.registry.reports.control.ReportExports;
import nl.microcredentials.registry.reports.control.ReportFilter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/reports}: the pilot report (JSON, CSV, XLSX) and the recognition matrix (JSON, CSV). */
@RequestScoped
@Path("reports")
@Tag(name = "Reports", description = "Pilot reports for national coordinators (institution admins: their own institution)")
@SecurityRequirement(name = RegistryApplication.BEARER)
@APIResponse(responseCode = "400", description = "A bad filter; errors[] names it",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "No or an invalid token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Not a coordinator; or an institution admin asking for another institution",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ReportsResource {

    static final String CSV = "text/csv";
    private static final String DEFINITIONS = "Figures per institution, per sector and in total, computed in the database. Period from..to, "
            + "both inclusive, either open. Programmes: registered = created in the period, published = first published in the period, "
            + "withdrawn = withdrawn in the period; totalEcts and the distributions (NLQF levels; EC bands <3, 3-5 = [3,5), 5-10, 10-15, "
            + "15-30 = [15,30]; languages; participation) cover the programmes first published in the period, in their latest published "
            + "version. Agreements: created before the period's end, by their status today (ACTIVE or PROPOSED past validUntil reads "
            + "EXPIRED), counted for each party; sector rows and totals count an agreement once. Exemption requests: received in the "
            + "period; days to decision = decidedOn - receivedOn (calendar days), median and p90 as PostgreSQL percentile_cont (linear "
            + "interpolation), 1 decimal; grantRate = (GRANTED + PARTIALLY_GRANTED) / decided, 3 decimals, null when none decided; "
            + "overdueNow = SUBMITTED or IN_REVIEW past decisionDue today, whatever the period; appeals = appealed requests received in "
            + "the period, appealOutcomes PENDING / UPHELD / OVERTURNED. An institution admin's report is limited to their institution.";

    @Inject
    Reports reports;

    @jakarta.ws.rs.core.Context
    jakarta.ws.rs.core.Request request;

    @GET
    @Path("pilot")
    @Produces({MediaType.APPLICATION_JSON, CSV + ";qs=0.5"})
    @Operation(operationId = "getPilotReport", summary = "The pilot report (coordinator; an institution admin gets their own institution's); JSON, or CSV with Accept: text/csv",
            description = DEFINITIONS)
    @APIResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PilotReport.class)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING, description = "the long format of /api/reports/pilot.csv"))})
    @Parameter(name = "from", in = ParameterIn.QUERY, description = "first day of the period (inclusive)", schema = @Schema(type = SchemaType.STRING, format = "date"))
    @Parameter(name = "to", in = ParameterIn.QUERY, description = "last day of the period (inclusive)", schema = @Schema(type = SchemaType.STRING, format = "date"))
    @Parameter(name = "sector", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.STRING, enumeration = {"WO", "HBO"}))
    @Parameter(name = "institution", in = ParameterIn.QUERY, description = "an institution code (an institution admin: their own only)", schema = @Schema(type = SchemaType.STRING))
    public Response pilot(@BeanParam Filter filter) {
        if (wantsCsv()) return pilotCsv(filter);
        return Response.ok(reports.pilot(filter.toFilter()), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("pilot.csv")
    @Produces(CSV)
    @Operation(operationId = "getPilotReportCsv", summary = "The pilot report as CSV (long format)",
            description = "RFC 4180, UTF-8, header row: level (institution | sector | total), institution (code), name, sector, section "
                    + "(programmes | agreements | exemptions), metric (the JSON field name), category (the key of a distribution, e.g. an NLQF "
                    + "level; empty for a single figure), value (empty when undefined). Monthly decisions: metric decisionsByMonth, category "
                    + "'YYYY-MM OUTCOME'. The file name carries the period. " + "Same filters as /api/reports/pilot.")
    @APIResponse(responseCode = "200", description = "CSV", content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
    @Parameter(name = "from", in = ParameterIn.QUERY, description = "first day of the period (inclusive)", schema = @Schema(type = SchemaType.STRING, format = "date"))
    @Parameter(name = "to", in = ParameterIn.QUERY, description = "last day of the period (inclusive)", schema = @Schema(type = SchemaType.STRING, format = "date"))
    @Parameter(name = "sector", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.STRING, enumeration = {"WO", "HBO"}))
    @Parameter(name = "institution", in = ParameterIn.QUERY, description = "an institution code (an institution admin: their own only)", schema = @Schema(type = SchemaType.STRING))
    public Response pilotCsv(@BeanParam Filter filter) {
        PilotReport report = reports.pilot(filter.toFilter());
        return download(ReportExports.csv(report), CSV + "; charset=UTF-8", "pilot-report_" + report.filter().periodLabel() + ".csv");
    }

    @GET
    @Path("pilot.xlsx")
    @Produces(ReportExports.XLSX)
    @Operation(operationId = "getPilotReportXlsx", summary = "The pilot report as an XLSX workbook: a cover sheet with the filter, then a sheet per table",
            description = "Sheets: Report, Programmes, NLQF levels, EC bands, Languages, Participation, Agreements, Exemption requests, Days to "
                    + "decision, Decisions by month; a row per institution, per sector and the total. The file name carries the period.")
    @APIResponse(responseCode = "200", description = "XLSX", content = @Content(mediaType = ReportExports.XLSX,
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @Parameter(name = "from", in = ParameterIn.QUERY, description = "first day of the period (inclusive)", schema = @Schema(type = SchemaType.STRING, format = "date"))
    @Parameter(name = "to", in = ParameterIn.QUERY, description = "last day of the period (inclusive)", schema = @Schema(type = SchemaType.STRING, format = "date"))
    @Parameter(name = "sector", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.STRING, enumeration = {"WO", "HBO"}))
    @Parameter(name = "institution", in = ParameterIn.QUERY, description = "an institution code (an institution admin: their own only)", schema = @Schema(type = SchemaType.STRING))
    public Response pilotXlsx(@BeanParam Filter filter) {
        PilotReport report = reports.pilot(filter.toFilter());
        StreamingOutput body = out -> ReportExports.xlsx(report, out);
        return download(body, ReportExports.XLSX, "pilot-report_" + report.filter().periodLabel() + ".xlsx");
    }

    @GET
    @Path("recognition-matrix")
    @Produces({MediaType.APPLICATION_JSON, CSV + ";qs=0.5"})
    @Operation(operationId = "getRecognitionMatrix", summary = "All active members x all active members with the strongest effect in force today (coordinator, institution admin)",
            description = "effects[i][j] is the strongest effect (IN_PRINCIPLE < ADMISSION < ELECTIVE_CREDITS < COURSE_EXEMPTION) of an agreement "
                    + "in force today under which parties[i] (receiving) recognises micro-credentials issued by parties[j]; null when none, and on "
                    + "the diagonal. Issuers are the scope's issuers (every party when none are named) or the owners of the named programmes.")
    @APIResponse(responseCode = "200", description = "The matrix", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RecognitionMatrix.class)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING))})
    public Response matrix() {
        if (wantsCsv()) return matrixCsv();
        return Response.ok(reports.recognitionMatrix(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("recognition-matrix.csv")
    @Produces(CSV)
    @Operation(operationId = "getRecognitionMatrixCsv", summary = "The recognition matrix as CSV: a header of issuing codes, a row per receiving institution, effects or empty cells")
    @APIResponse(responseCode = "200", description = "CSV", content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
    public Response matrixCsv() {
        RecognitionMatrix matrix = reports.recognitionMatrix();
        return download(ReportExports.csv(matrix), CSV + "; charset=UTF-8", "recognition-matrix_" + matrix.on() + ".csv");
    }

    /** Whether content negotiation picked CSV over JSON (Accept: text/csv). */
    private boolean wantsCsv() {
        var variant = request.selectVariant(jakarta.ws.rs.core.Variant.mediaTypes(MediaType.APPLICATION_JSON_TYPE, MediaType.valueOf(CSV)).build());
        return variant != null && variant.getMediaType().isCompatible(MediaType.valueOf(CSV)) && !variant.getMediaType().isWildcardType();
    }

    private static Response download(Object body, String type, String fileName) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        noStore.setPrivate(true);
        return Response.ok(body, type).header("Content-Disposition", "attachment; filename=\"" + fileName + "\"").cacheControl(noStore).build();
    }

    /** The report's query parameters, parsed here so that a bad one is a 400 naming it. */
    public static class Filter {
        @QueryParam("from")
        String from;
        @QueryParam("to")
        String to;
        @QueryParam("sector")
        String sector;
        @QueryParam("institution")
        String institution;

        ReportFilter toFilter() {
            String s = QueryParams.enumValue("sector", sector, Sector.class);
            return new ReportFilter(QueryParams.date("from", from), QueryParams.date("to", to), s == null ? null : Sector.valueOf(s),
                    QueryParams.blank(institution));
        }
    }
}
