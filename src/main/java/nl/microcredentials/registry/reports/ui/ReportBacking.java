package nl.microcredentials.registry.reports.ui;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import nl.microcredentials.registry.institutions.entity.Sector;
import nl.microcredentials.registry.platform.rest.RegistryException;
import nl.microcredentials.registry.platform.security.Caller;
import nl.microcredentials.registry.platform.web.Messages;
import nl.microcredentials.registry.platform.web.ScriptJson;
import nl.microcredentials.registry.reports.boundary.Reports;
import nl.microcredentials.registry.reports.control.PilotReport;
import nl.microcredentials.registry.reports.control.RecognitionMatrix;
import nl.microcredentials.registry.reports.control.ReportExports;
import nl.microcredentials.registry.reports.control.ReportFilter;
import nl.microcredentials.registry.reports.control.ReportQueries;
import nl.microcredentials.registry.reports.control.ReportTables;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;

/**
 * admin/reports/index.xhtml: the pilot report for a period and sector, as tables, Chart.js charts and the recognition
 * matrix as a heat map, with CSV and XLSX downloads. The facade limits an institution admin to their own institution.
 */
@Named
@ViewScoped
public class ReportBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String CSV = "text/csv; charset=UTF-8";
    private static final String[] OUTCOME_COLOURS = {"#16a34a", "#f59e0b", "#dc2626"};

    @Inject
    Reports reports;

    @Inject
    Caller caller;

    @Inject
    nl.microcredentials.registry.institutions.boundary.Institutions institutions;

    private LocalDate from;
    private LocalDate to;
    private String sector;
    private String institution;
    private PilotReport report;
    private RecognitionMatrix matrix;
    private List<ReportTables.Table> tables = List.of();

    @PostConstruct
    void init() {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Amsterdam"));
        from = today.withDayOfYear(1).minusYears(1);
        to = today;
        load();
    }

    public void load() {
        try {
            report = reports.pilot(filter());
            tables = ReportTables.of(report);
            matrix = reports.recognitionMatrix();
        } catch (RegistryException e) {
            Messages.show(e, "filters");
        }
    }

    private ReportFilter filter() {
        return new ReportFilter(from, to, sector == null || sector.isBlank() ? null : Sector.valueOf(sector),
                institution == null || institution.isBlank() ? null : institution);
    }

    /** The members a coordinator can pick, by name. */
    public List<nl.microcredentials.registry.institutions.boundary.InstitutionView> getInstitutionOptions() {
        if (!caller.isCoordinator()) return List.of();
        return institutions.list(new nl.microcredentials.registry.institutions.boundary.Institutions.Filter(null, null, null),
                new nl.microcredentials.registry.platform.rest.PageRequest(1, nl.microcredentials.registry.platform.rest.PageRequest.MAX_PAGE_SIZE, "name")).items();
    }

    public boolean isCoordinator() {
        return caller.isCoordinator();
    }

    // ---- downloads ---------------------------------------------------------------------------------------------

    public StreamedContent getCsv() {
        PilotReport r = reports.pilot(filter());
        return download("pilot-report_" + r.filter().periodLabel() + ".csv", CSV, ReportExports.csv(r).getBytes(StandardCharsets.UTF_8));
    }

    public StreamedContent getXlsx() {
        PilotReport r = reports.pilot(filter());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportExports.xlsx(r, out);
        return download("pilot-report_" + r.filter().periodLabel() + ".xlsx", ReportExports.XLSX, out.toByteArray());
    }

    public StreamedContent getMatrixCsv() {
        RecognitionMatrix m = reports.recognitionMatrix();
        return download("recognition-matrix_" + m.on() + ".csv", CSV, ReportExports.csv(m).getBytes(StandardCharsets.UTF_8));
    }

    private static StreamedContent download(String name, String type, byte[] bytes) {
        return DefaultStreamedContent.builder().name(name).contentType(type).contentLength((long) bytes.length)
                .stream(() -> new ByteArrayInputStream(bytes)).build();
    }

    // ---- tables --------------------------------------------------------------------------------------------------

    public List<Integer> columns(ReportTables.Table table) {
        return IntStream.range(0, table.headers().size()).boxed().toList();
    }

    public String cell(Object value) {
        if (value == null) return "-";
        if (value instanceof BigDecimal d) return d.toPlainString();
        return value.toString();
    }

    // ---- charts (Chart.js configurations for p:chart) -----------------------------------------------------------------

    /** Programmes per institution: registered, published and withdrawn in the period (horizontal bars). */
    public String getProgrammesChart() {
        if (report == null) return "{}";
        JsonArrayBuilder labels = Json.createArrayBuilder();
        JsonArrayBuilder registered = Json.createArrayBuilder();
        JsonArrayBuilder published = Json.createArrayBuilder();
        JsonArrayBuilder withdrawn = Json.createArrayBuilder();
        for (var row : report.institutions()) {
            labels.add(row.name());
            registered.add(row.figures().programmes().registered());
            published.add(row.figures().programmes().published());
            withdrawn.add(row.figures().programmes().withdrawn());
        }
        JsonArrayBuilder datasets = Json.createArrayBuilder()
                .add(dataset(Messages.text("reports.registered"), registered, "#93c5fd"))
                .add(dataset(Messages.text("reports.published"), published, "#0b3d91"))
                .add(dataset(Messages.text("reports.withdrawn"), withdrawn, "#dc2626"));
        JsonObjectBuilder options = baseOptions().add("indexAxis", "y");
        return config("bar", labels, datasets, options);
    }

    /** Programmes published in the period by NLQF level. */
    public String getNlqfChart() {
        if (report == null) return "{}";
        return distribution(report.totals().programmes().byNlqfLevel(), "NLQF", "#0b3d91");
    }

    /** Days from receipt to decision, in bands. */
    public String getLeadTimeChart() {
        if (report == null) return "{}";
        return distribution(report.totals().exemptions().byDaysToDecision(), Messages.text("reports.decisions"), "#7c3aed");
    }

    /** Decisions per month, stacked by outcome. */
    public String getOutcomesChart() {
        if (report == null) return "{}";
        JsonArrayBuilder labels = Json.createArrayBuilder();
        report.decisionsByMonth().forEach(m -> labels.add(m.month()));
        JsonArrayBuilder datasets = Json.createArrayBuilder();
        for (int i = 0; i < ReportQueries.OUTCOMES.size(); i++) {
            String outcome = ReportQueries.OUTCOMES.get(i);
            JsonArrayBuilder data = Json.createArrayBuilder();
            report.decisionsByMonth().forEach(m -> data.add(m.byOutcome().getOrDefault(outcome, 0L)));
            datasets.add(dataset(Messages.text("exemption.outcome." + outcome), data, OUTCOME_COLOURS[i]));
        }
        JsonObjectBuilder options = baseOptions().add("scales", Json.createObjectBuilder()
                .add("x", Json.createObjectBuilder().add("stacked", true))
                .add("y", Json.createObjectBuilder().add("stacked", true).add("beginAtZero", true)));
        return config("bar", labels, datasets, options);
    }

    private String distribution(Map<String, Long> values, String label, String colour) {
        JsonArrayBuilder labels = Json.createArrayBuilder();
        JsonArrayBuilder data = Json.createArrayBuilder();
        values.forEach((k, v) -> {
            labels.add(k);
            data.add(v);
        });
        return config("bar", labels, Json.createArrayBuilder().add(dataset(label, data, colour)), baseOptions());
    }

    private static JsonObjectBuilder dataset(String label, JsonArrayBuilder data, String colour) {
        return Json.createObjectBuilder().add("label", label).add("data", data).add("backgroundColor", colour);
    }

    private static JsonObjectBuilder baseOptions() {
        return Json.createObjectBuilder().add("responsive", true).add("maintainAspectRatio", false).add("animation", false);
    }

    static String config(String type, JsonArrayBuilder labels, JsonArrayBuilder datasets, JsonObjectBuilder options) {
        JsonObject config = Json.createObjectBuilder().add("type", type)
                .add("data", Json.createObjectBuilder().add("labels", labels).add("datasets", datasets))
                .add("options", options).build();
        return ScriptJson.of(config); // written into the page's script: institution names must not close it
    }

    // ---- the heat map -----------------------------------------------------------------------------------------------

    public List<RecognitionMatrix.Party> getParties() {
        return matrix == null ? List.of() : matrix.parties();
    }

    public List<Integer> getPartyIndexes() {
        return IntStream.range(0, getParties().size()).boxed().toList();
    }

    public String effect(int receiving, int issuing) {
        return matrix == null ? null : matrix.effects().get(receiving).get(issuing);
    }

    /** The heat-map class of a cell: none, or the effect in lower case with dashes. */
    public String heat(int receiving, int issuing) {
        if (receiving == issuing) return "heat self";
        String e = effect(receiving, issuing);
        return e == null ? "heat none" : "heat " + e.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The number of other members that an institution recognises under some agreement (the row's coloured cells). */
    public long recognised(int receiving) {
        if (matrix == null) return 0;
        return matrix.effects().get(receiving).stream().filter(java.util.Objects::nonNull).count();
    }

    public List<String> getEffects() {
        List<String> effects = new ArrayList<>();
        for (var e : nl.microcredentials.registry.agreements.entity.RecognitionEffect.values()) effects.add(e.name());
        return effects;
    }

    // ---- getters and setters ----------------------------------------------------------------------------------------

    public PilotReport getReport() { return report; }
    public List<ReportTables.Table> getTables() { return tables; }
    public RecognitionMatrix getMatrix() { return matrix; }
    public LocalDate getFrom() { return from; }
    public void setFrom(LocalDate from) { this.from = from; }
    public LocalDate getTo() { return to; }
    public void setTo(LocalDate to) { this.to = to; }
    public String getSector() { return sector; }
    public void setSector(String sector) { this.sector = sector; }
    public String getInstitution() { return institution; }
    public void setInstitution(String institution) { this.institution = institution; }
}
