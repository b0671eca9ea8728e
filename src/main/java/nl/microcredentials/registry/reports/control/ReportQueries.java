package nl.microcredentials.registry.reports.control;

import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.microcredentials.registry.institutions.entity.Sector;
import nl.microcredentials.registry.reports.control.PilotReport.AgreementFigures;
import nl.microcredentials.registry.reports.control.PilotReport.ExemptionFigures;
import nl.microcredentials.registry.reports.control.PilotReport.Figures;
import nl.microcredentials.registry.reports.control.PilotReport.InstitutionRow;
import nl.microcredentials.registry.reports.control.PilotReport.MonthlyDecisions;
import nl.microcredentials.registry.reports.control.PilotReport.ProgrammeFigures;
import nl.microcredentials.registry.reports.control.PilotReport.SectorRow;

/**
 * The pilot report, the recognition matrix and the public statistics, computed by aggregate SQL: every query groups in
 * the database and hands back at most a few thousand rows (per institution, per category), never entities.
 *
 * <p>Programme and exemption figures belong to exactly one institution, so sector rows and totals add up the institution
 * rows; lead times are merged as histograms ({@link LeadTimes}) so that medians and percentiles stay exact. Agreements
 * have several parties and are counted once per sector and once in the total by their own grouping.
 *
 * <p>Runs on PostgreSQL and on the embedded H2 of the quick start; the only difference is the day arithmetic.
 */
public final class ReportQueries {

    public static final List<String> NLQF_LEVELS = List.of("ENTRY", "1", "2", "3", "4", "4+", "5", "6", "7", "8");
    public static final List<String> ECTS_BANDS = List.of("<3", "3-5", "5-10", "10-15", "15-30");
    public static final List<String> PARTICIPATION = List.of("ONLINE", "ONSITE", "BLENDED", "WORK_EXPERIENCE");
    public static final List<String> AGREEMENT_STATUSES = List.of("DRAFT", "PROPOSED", "ACTIVE", "EXPIRED", "TERMINATED");
    public static final List<String> OUTCOMES = List.of("GRANTED", "PARTIALLY_GRANTED", "REJECTED");
    public static final List<String> APPEAL_OUTCOMES = List.of("PENDING", "UPHELD", "OVERTURNED");

    private static final String ECTS_BAND = "CASE WHEN v.ects < 3 THEN '<3' WHEN v.ects < 5 THEN '3-5' WHEN v.ects < 10 THEN '5-10'"
            + " WHEN v.ects < 15 THEN '10-15' ELSE '15-30' END";
    /** The latest published version of a programme: the content its figures describe. */
    private static final String LATEST_PUBLISHED = "JOIN programme_version v ON v.programme_id = p.id AND v.number ="
            + " (SELECT MAX(w.number) FROM programme_version w WHERE w.programme_id = p.id AND w.published_at IS NOT NULL)";
    private static final LocalDate BEGINNING = LocalDate.of(1900, 1, 1);
    private static final LocalDate END_OF_TIME = LocalDate.of(9999, 12, 31);

    private final EntityManager em;
    private final boolean postgres;
    private final ZoneId zone;
    private final Clock clock;

    public ReportQueries(EntityManager em, boolean postgres, ZoneId zone, Clock clock) {
        this.em = em;
        this.postgres = postgres;
        this.zone = zone;
        this.clock = clock;
    }

    // ---- the pilot report -----------------------------------------------------------------------------------------

    /** One member as the report lists it. */
    private record Member(String id, String code, String name, Sector sector) { }

    /** The mutable figures of one institution while the queries fill them. */
    private static final class Tally {
        long registered, published, withdrawn;
        BigDecimal totalEcts = BigDecimal.ZERO;
        final Map<String, Long> nlqf = zeros(NLQF_LEVELS);
        final Map<String, Long> bands = zeros(ECTS_BANDS);
        final Map<String, Long> languages = new TreeMap<>();
        final Map<String, Long> participation = zeros(PARTICIPATION);
        final Map<String, Long> agreements = zeros(AGREEMENT_STATUSES);
        long received, decided, withdrawnRequests, open, overdue, appeals;
        final Map<String, Long> outcomes = zeros(OUTCOMES);
        final Map<String, Long> appealOutcomes = zeros(APPEAL_OUTCOMES);
        final LeadTimes leadTimes = new LeadTimes();

        void add(Tally t) {
            registered += t.registered;
            published += t.published;
            withdrawn += t.withdrawn;
            totalEcts = totalEcts.add(t.totalEcts);
            merge(nlqf, t.nlqf);
            merge(bands, t.bands);
            merge(languages, t.languages);
            merge(participation, t.participation);
            received += t.received;
            decided += t.decided;
            withdrawnRequests += t.withdrawnRequests;
            open += t.open;
            overdue += t.overdue;
            appeals += t.appeals;
            merge(outcomes, t.outcomes);
            merge(appealOutcomes, t.appealOutcomes);
            leadTimes.addAll(t.leadTimes);
        }

        Figures figures() {
            long granted = outcomes.get("GRANTED") + outcomes.get("PARTIALLY_GRANTED");
            BigDecimal grantRate = decided == 0 ? null
                    : BigDecimal.valueOf(granted).divide(BigDecimal.valueOf(decided), 3, java.math.RoundingMode.HALF_UP);
            long agreementTotal = agreements.values().stream().mapToLong(Long::longValue).sum();
            return new Figures(
                    new ProgrammeFigures(registered, published, withdrawn, totalEcts.stripTrailingZeros().scale() < 0
                            ? totalEcts.setScale(0) : totalEcts.stripTrailingZeros(),
                            copy(nlqf), copy(bands), copy(languages), copy(participation)),
                    new AgreementFigures(agreementTotal, copy(agreements)),
                    new ExemptionFigures(received, decided, withdrawnRequests, open, copy(outcomes), grantRate,
                            leadTimes.median(), leadTimes.p90(), leadTimes.bands(), overdue, appeals, copy(appealOutcomes)));
        }
    }

    public PilotReport pilotReport(ReportFilter filter) {
        Period period = new Period(filter, zone);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        List<Member> members = members(filter);
        Map<String, Tally> tallies = new LinkedHashMap<>();
        members.forEach(m -> tallies.put(m.id(), new Tally()));

        programmeCounts(filter, period, tallies);
        programmeDistributions(filter, period, tallies);
        exemptionFigures(filter, period, tallies);
        overdue(filter, today, tallies);
        Map<String, String> idByCode = new HashMap<>();
        members.forEach(m -> idByCode.put(m.code(), m.id()));
        AgreementCounts agreements = agreementCounts(filter, period, today);
        agreements.byInstitution.forEach((code, counts) -> {
            Tally t = tallies.get(idByCode.get(code));
            if (t != null) merge(t.agreements, counts);
        });

        List<InstitutionRow> rows = new ArrayList<>();
        Map<Sector, Tally> sectors = new EnumMap<>(Sector.class);
        Tally total = new Tally();
        for (Member m : members) {
            Tally t = tallies.get(m.id());
            rows.add(new InstitutionRow(m.code(), m.name(), m.sector(), t.figures()));
            sectors.computeIfAbsent(m.sector(), s -> new Tally()).add(t);
            total.add(t);
        }
        // agreements: counted once per sector and once in total, not summed over parties
        total.agreements.clear();
        total.agreements.putAll(agreements.total);
        List<SectorRow> sectorRows = new ArrayList<>();
        for (Sector s : Sector.values()) {
            if (filter.sector() != null && filter.sector() != s) continue;
            if (filter.institution() != null && !sectors.containsKey(s)) continue;
            Tally t = sectors.getOrDefault(s, new Tally());
            t.agreements.clear();
            t.agreements.putAll(zeros(AGREEMENT_STATUSES));
            merge(t.agreements, agreements.bySector.getOrDefault(s.name(), Map.of()));
            sectorRows.add(new SectorRow(s, t.figures()));
        }
        return new PilotReport(filter, Instant.now(clock), rows, sectorRows, total.figures(), decisionsByMonth(filter, period));
    }

    /** The period as bounds: dates inclusive, instants half-open in the registry's time zone. */
    private record Period(LocalDate from, LocalDate to, Timestamp start, Timestamp end) {
        Period(ReportFilter f, ZoneId zone) {
            this(f.from() == null ? BEGINNING : f.from(), f.to() == null ? END_OF_TIME : f.to(),
                    Timestamp.from((f.from() == null ? BEGINNING : f.from()).atStartOfDay(zone).toInstant()),
                    Timestamp.from((f.to() == null ? END_OF_TIME : f.to().plusDays(1)).atStartOfDay(zone).toInstant()));
        }
    }

    private List<Member> members(ReportFilter filter) {
        Sql sql = new Sql("SELECT i.id, i.code, i.name, i.sector FROM institution i WHERE 1 = 1");
        members(sql, filter);
        sql.append(" ORDER BY i.name, i.code");
        return sql.rows(em).stream().map(r -> new Member((String) r[0], (String) r[1], (String) r[2], Sector.valueOf((String) r[3]))).toList();
    }

    /** The member conditions on alias {@code i}. */
    private static void members(Sql sql, ReportFilter filter) {
        if (filter.sector() != null) sql.append(" AND i.sector = ").param(filter.sector().name());
        if (filter.institution() != null) sql.append(" AND i.code = ").param(filter.institution());
    }

    private void programmeCounts(ReportFilter filter, Period period, Map<String, Tally> tallies) {
        Sql sql = new Sql("SELECT p.institution_id");
        for (String column : List.of("p.created_at", "p.first_published_at", "p.withdrawn_at")) {
            sql.append(", SUM(CASE WHEN " + column + " >= ").param(period.start()).append(" AND " + column + " < ").param(period.end())
                    .append(" THEN 1 ELSE 0 END)");
        }
        sql.append(" FROM programme p JOIN institution i ON i.id = p.institution_id WHERE 1 = 1");
        members(sql, filter);
        sql.append(" GROUP BY p.institution_id");
        for (Object[] r : sql.rows(em)) {
            Tally t = tallies.get((String) r[0]);
            if (t == null) continue;
            t.registered = number(r[1]);
            t.published = number(r[2]);
            t.withdrawn = number(r[3]);
        }
    }

    private Sql publishedInPeriod(String select, ReportFilter filter, Period period, String join) {
        Sql sql = new Sql(select + " FROM programme p JOIN institution i ON i.id = p.institution_id " + LATEST_PUBLISHED + join
                + " WHERE p.first_published_at >= ").param(period.start()).append(" AND p.first_published_at < ").param(period.end());
        members(sql, filter);
        return sql;
    }

    private void programmeDistributions(ReportFilter filter, Period period, Map<String, Tally> tallies) {
        Sql levels = publishedInPeriod("SELECT p.institution_id, v.nlqf_level, " + ECTS_BAND + ", COUNT(*), SUM(v.ects)", filter, period, "")
                .append(" GROUP BY p.institution_id, v.nlqf_level, " + ECTS_BAND);
        for (Object[] r : levels.rows(em)) {
            Tally t = tallies.get((String) r[0]);
            if (t == null) continue;
            long n = number(r[3]);
            if (r[1] != null) t.nlqf.merge((String) r[1], n, Long::sum);
            t.bands.merge((String) r[2], n, Long::sum);
            if (r[4] != null) t.totalEcts = t.totalEcts.add(new BigDecimal(r[4].toString()));
        }
        Sql languages = publishedInPeriod("SELECT p.institution_id, l.language, COUNT(*)", filter, period,
                " JOIN programme_version_language l ON l.version_id = v.id").append(" GROUP BY p.institution_id, l.language");
        for (Object[] r : languages.rows(em)) {
            Tally t = tallies.get((String) r[0]);
            if (t != null) t.languages.merge((String) r[1], number(r[2]), Long::sum);
        }
        Sql participation = publishedInPeriod("SELECT p.institution_id, x.participation, COUNT(*)", filter, period,
                " JOIN programme_version_participation x ON x.version_id = v.id").append(" GROUP BY p.institution_id, x.participation");
        for (Object[] r : participation.rows(em)) {
            Tally t = tallies.get((String) r[0]);
            if (t != null) t.participation.merge((String) r[1], number(r[2]), Long::sum);
        }
    }

    private String daysToDecision() {
        return postgres ? "(r.decided_on - r.received_on)" : "DATEDIFF('DAY', r.received_on, r.decided_on)";
    }

    /** One pass over the requests received in the period: counts per institution and days to decision. */
    private void exemptionFigures(ReportFilter filter, Period period, Map<String, Tally> tallies) {
        String days = "CASE WHEN r.decided_on IS NULL THEN NULL ELSE " + daysToDecision() + " END";
        Sql sql = new Sql("SELECT r.institution_id, " + days + ", COUNT(*)"
                + ", SUM(CASE WHEN r.outcome IS NOT NULL THEN 1 ELSE 0 END)"
                + ", SUM(CASE WHEN r.status = 'WITHDRAWN' THEN 1 ELSE 0 END)"
                + ", SUM(CASE WHEN r.status IN ('SUBMITTED', 'IN_REVIEW', 'INFORMATION_REQUESTED') THEN 1 ELSE 0 END)"
                + ", SUM(CASE WHEN r.outcome = 'GRANTED' THEN 1 ELSE 0 END)"
                + ", SUM(CASE WHEN r.outcome = 'PARTIALLY_GRANTED' THEN 1 ELSE 0 END)"
                + ", SUM(CASE WHEN r.outcome = 'REJECTED' THEN 1 ELSE 0 END)"
                + ", SUM(CASE WHEN r.appeal_filed_on IS NOT NULL THEN 1 ELSE 0 END)"
                + ", SUM(CASE WHEN r.status = 'APPEALED' THEN 1 ELSE 0 END)"
                + ", SUM(CASE WHEN r.status = 'UPHELD' THEN 1 ELSE 0 END)"
                + ", SUM(CASE WHEN r.status = 'OVERTURNED' THEN 1 ELSE 0 END)"
                + " FROM exemption_request r JOIN institution i ON i.id = r.institution_id WHERE r.received_on >= ")
                .param(Date.valueOf(period.from())).append(" AND r.received_on <= ").param(Date.valueOf(period.to()));
        members(sql, filter);
        sql.append(" GROUP BY r.institution_id, " + days);
        for (Object[] r : sql.rows(em)) {
            Tally t = tallies.get((String) r[0]);
            if (t == null) continue;
            t.received += number(r[2]);
            t.decided += number(r[3]);
            t.withdrawnRequests += number(r[4]);
            t.open += number(r[5]);
            t.outcomes.merge("GRANTED", number(r[6]), Long::sum);
            t.outcomes.merge("PARTIALLY_GRANTED", number(r[7]), Long::sum);
            t.outcomes.merge("REJECTED", number(r[8]), Long::sum);
            t.appeals += number(r[9]);
            t.appealOutcomes.merge("PENDING", number(r[10]), Long::sum);
            t.appealOutcomes.merge("UPHELD", number(r[11]), Long::sum);
            t.appealOutcomes.merge("OVERTURNED", number(r[12]), Long::sum);
            if (r[1] != null) t.leadTimes.add((int) number(r[1]), number(r[3]));
        }
    }

    /** Overdue now, whatever the period: running (not waiting for information) and past the decision due date. */
    private void overdue(ReportFilter filter, LocalDate today, Map<String, Tally> tallies) {
        Sql sql = new Sql("SELECT r.institution_id, COUNT(*) FROM exemption_request r JOIN institution i ON i.id = r.institution_id"
                + " WHERE r.status IN ('SUBMITTED', 'IN_REVIEW') AND r.decision_due < ").param(Date.valueOf(today));
        members(sql, filter);
        sql.append(" GROUP BY r.institution_id");
        for (Object[] r : sql.rows(em)) {
            Tally t = tallies.get((String) r[0]);
            if (t != null) t.overdue = number(r[1]);
        }
    }

    private List<MonthlyDecisions> decisionsByMonth(ReportFilter filter, Period period) {
        Sql inner = new Sql("SELECT TO_CHAR(r.decided_on, 'YYYY-MM') AS m, r.outcome AS o FROM exemption_request r"
                + " JOIN institution i ON i.id = r.institution_id WHERE r.decided_on IS NOT NULL AND r.outcome IS NOT NULL AND r.received_on >= ")
                .param(Date.valueOf(period.from())).append(" AND r.received_on <= ").param(Date.valueOf(period.to()));
        members(inner, filter);
        Sql sql = new Sql("SELECT x.m, x.o, COUNT(*) FROM (").include(inner).append(") x GROUP BY x.m, x.o ORDER BY x.m");
        Map<String, Map<String, Long>> months = new TreeMap<>();
        for (Object[] r : sql.rows(em)) {
            months.computeIfAbsent((String) r[0], m -> zeros(OUTCOMES)).merge((String) r[1], number(r[2]), Long::sum);
        }
        List<MonthlyDecisions> list = new ArrayList<>();
        months.forEach((m, counts) -> list.add(new MonthlyDecisions(m, counts)));
        return list;
    }

    private record AgreementCounts(Map<String, Map<String, Long>> byInstitution, Map<String, Map<String, Long>> bySector,
                                   Map<String, Long> total) { }

    /**
     * Agreements created before the period's end, by their status today (ACTIVE or PROPOSED past validUntil reads EXPIRED),
     * for each party of their current version: once per institution, once per sector, once in total.
     */
    private AgreementCounts agreementCounts(ReportFilter filter, Period period, LocalDate today) {
        Map<String, Map<String, Long>> byInstitution = new HashMap<>();
        Map<String, Map<String, Long>> bySector = new HashMap<>();
        Map<String, Long> total = zeros(AGREEMENT_STATUSES);
        for (String group : List.of("x.code", "x.sector", "'all'")) {
            Sql inner = new Sql("SELECT i.code AS code, i.sector AS sector, a.id AS aid,"
                    + " CASE WHEN a.status IN ('ACTIVE', 'PROPOSED') AND a.valid_until < ").param(Date.valueOf(today))
                    .append(" THEN 'EXPIRED' ELSE a.status END AS st"
                            + " FROM agreement a JOIN agreement_version av ON av.agreement_id = a.id AND av.number = a.current_version"
                            + " JOIN agreement_party ap ON ap.version_id = av.id JOIN institution i ON i.code = ap.institution_code"
                            + " WHERE a.created_at < ").param(period.end());
            members(inner, filter);
            String grouping = group.startsWith("'") ? "x.st" : group + ", x.st";
            Sql sql = new Sql("SELECT " + group + ", x.st, COUNT(DISTINCT x.aid) FROM (").include(inner)
                    .append(") x GROUP BY " + grouping);
            for (Object[] r : sql.rows(em)) {
                String key = r[0].toString();
                long n = number(r[2]);
                Map<String, Long> target = switch (group) {
                    case "x.code" -> byInstitution.computeIfAbsent(key, k -> zeros(AGREEMENT_STATUSES));
                    case "x.sector" -> bySector.computeIfAbsent(key, k -> zeros(AGREEMENT_STATUSES));
                    default -> total;
                };
                target.merge((String) r[1], n, Long::sum);
            }
        }
        return new AgreementCounts(byInstitution, bySector, total);
    }

    // ---- the recognition matrix ---------------------------------------------------------------------------------

    /**
     * Every active member x every active member: the strongest effect of an agreement in force today by which the row
     * institution recognises micro-credentials issued by the column institution. An agreement is in force when it is
     * ACTIVE (or TERMINATED with a termination date still ahead), its approved version is valid today, and it has not
     * expired. The issuers of an agreement are its scope's issuers (every party when none are named), or the owners of
     * its named programmes; every other party recognises them.
     */
    public RecognitionMatrix recognitionMatrix() {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        List<RecognitionMatrix.Party> parties = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (Object[] r : new Sql("SELECT i.code, i.name, i.sector FROM institution i WHERE i.active = TRUE ORDER BY i.name, i.code").rows(em)) {
            index.put((String) r[0], parties.size());
            parties.add(new RecognitionMatrix.Party((String) r[0], (String) r[1], (String) r[2]));
        }
        String inForce = " FROM agreement a JOIN agreement_version av ON av.agreement_id = a.id AND av.number = a.active_version"
                + " WHERE (a.status = 'ACTIVE' OR (a.status = 'TERMINATED' AND a.terminated_on > ?))"
                + " AND av.valid_from <= ? AND (a.valid_until IS NULL OR a.valid_until >= ?)";
        Date day = Date.valueOf(today);
        Map<String, String> effects = new HashMap<>();
        Map<String, List<String>> partiesOf = new HashMap<>();
        Map<String, TreeSet<String>> issuersOf = new HashMap<>();
        for (Object[] r : new Sql("SELECT av.id, av.effect, ap.institution_code" + inForce.replace(" WHERE", " JOIN agreement_party ap ON ap.version_id = av.id WHERE"))
                .params(day, day, day).rows(em)) {
            effects.put((String) r[0], (String) r[1]);
            partiesOf.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add((String) r[2]);
        }
        for (Object[] r : new Sql("SELECT av.id, s.institution_code" + inForce.replace(" WHERE", " JOIN agreement_scope_issuer s ON s.version_id = av.id WHERE"))
                .params(day, day, day).rows(em)) {
            issuersOf.computeIfAbsent((String) r[0], k -> new TreeSet<>()).add((String) r[1]);
        }
        for (Object[] r : new Sql("SELECT av.id, pi.code" + inForce.replace(" WHERE", " JOIN agreement_scope_programme s ON s.version_id = av.id"
                + " JOIN programme pr ON pr.id = s.programme_id JOIN institution pi ON pi.id = pr.institution_id WHERE"))
                .params(day, day, day).rows(em)) {
            issuersOf.computeIfAbsent((String) r[0], k -> new TreeSet<>()).add((String) r[1]);
        }
        String[][] cells = new String[parties.size()][parties.size()];
        effects.forEach((version, effect) -> {
            List<String> members = partiesOf.get(version);
            for (String issuer : issuersOf.getOrDefault(version, new TreeSet<>(members))) {
                if (!members.contains(issuer) || !index.containsKey(issuer)) continue;
                for (String receiver : members) {
                    if (receiver.equals(issuer) || !index.containsKey(receiver)) continue;
                    int i = index.get(receiver);
                    int j = index.get(issuer);
                    cells[i][j] = RecognitionEffects.stronger(cells[i][j], effect);
                }
            }
        });
        List<List<String>> rows = new ArrayList<>();
        for (String[] row : cells) rows.add(java.util.Collections.unmodifiableList(java.util.Arrays.asList(row)));
        return new RecognitionMatrix(today, parties, rows);
    }

    // ---- public statistics ----------------------------------------------------------------------------------------

    public Statistics statistics() {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        Map<String, Long> bySector = new LinkedHashMap<>();
        for (Sector s : Sector.values()) bySector.put(s.name(), 0L);
        long institutions = 0;
        for (Object[] r : new Sql("SELECT i.sector, COUNT(*) FROM institution i WHERE i.active = TRUE GROUP BY i.sector").rows(em)) {
            bySector.put((String) r[0], number(r[1]));
            institutions += number(r[1]);
        }
        long published = single("SELECT COUNT(*) FROM programme p WHERE p.status = 'PUBLISHED'");
        long active = number(new Sql("SELECT COUNT(*) FROM agreement a WHERE a.status = 'ACTIVE' AND (a.valid_until IS NULL OR a.valid_until >= ")
                .param(Date.valueOf(today)).append(")").rows(em).get(0)[0]);
        Object[] requests = new Sql("SELECT COUNT(*), SUM(CASE WHEN r.outcome IS NOT NULL THEN 1 ELSE 0 END) FROM exemption_request r").rows(em).get(0);
        return new Statistics(Instant.now(clock), institutions, bySector, published, active, number(requests[0]), number(requests[1]));
    }

    private long single(String sql) {
        return number(em.createNativeQuery(sql).getSingleResult());
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private static long number(Object value) {
        if (value == null) return 0;
        if (value instanceof Object[] row) return number(row[0]);
        return ((Number) value).longValue();
    }

    static Map<String, Long> zeros(List<String> keys) {
        Map<String, Long> map = new LinkedHashMap<>();
        keys.forEach(k -> map.put(k, 0L));
        return map;
    }

    private static void merge(Map<String, Long> into, Map<String, Long> from) {
        from.forEach((k, v) -> into.merge(k, v, Long::sum));
    }

    private static Map<String, Long> copy(Map<String, Long> map) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** A native statement and its positional parameters, numbered in the order they are appended. */
    static final class Sql {
        private final StringBuilder text = new StringBuilder();
        private final List<Object> parameters = new ArrayList<>();

        Sql(String start) {
            text.append(start);
        }

        Sql append(String s) {
            text.append(s);
            return this;
        }

        Sql param(Object value) {
            parameters.add(value);
            text.append('?').append(parameters.size());
            return this;
        }

        /** Binds the plain {@code ?} placeholders already in the text, in order. */
        Sql params(Object... values) {
            String[] pieces = text.toString().split("\\?", -1);
            StringBuilder numbered = new StringBuilder(pieces[0]);
            for (int i = 1; i < pieces.length; i++) {
                parameters.add(values[i - 1]);
                numbered.append('?').append(parameters.size()).append(pieces[i]);
            }
            text.setLength(0);
            text.append(numbered);
            return this;
        }

        /** Appends another statement (a subquery), renumbering its parameters after this one's. */
        Sql include(Sql other) {
            String inner = other.text.toString();
            int offset = parameters.size();
            for (int i = other.parameters.size(); i >= 1; i--) {
                inner = inner.replace("?" + i, "?#" + (i + offset));
            }
            text.append(inner.replace("?#", "?"));
            parameters.addAll(other.parameters);
            return this;
        }

        String text() {
            return text.toString();
        }

        List<Object> parameters() {
            return parameters;
        }

        @SuppressWarnings("unchecked")
        List<Object[]> rows(EntityManager em) {
            var query = em.createNativeQuery(text.toString());
            for (int i = 0; i < parameters.size(); i++) query.setParameter(i + 1, parameters.get(i));
            List<Object> result = query.getResultList();
            List<Object[]> rows = new ArrayList<>(result.size());
            for (Object o : result) rows.add(o instanceof Object[] a ? a : new Object[] {o});
            return rows;
        }
    }
}
