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

    /**
     * The pilot report in six statements: members; programme counts; programme distributions; one pass over the requests
     * received in the period; overdue requests; agreements. Statements on the programme and request tables name the
     * members' ids instead of joining the institution table (no condition at all for the whole consortium), so that the
     * request pass reads a covering index alone: exemption_report_idx (V9) by day of receipt for the consortium or a
     * sector, exemption_institution_report_idx (V18) by institution and day for one institution.
     */
    public PilotReport pilotReport(ReportFilter filter) {
        Period period = new Period(filter, zone);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        List<Member> members = members(filter);
        Map<String, Tally> tallies = new LinkedHashMap<>();
        members.forEach(m -> tallies.put(m.id(), new Tally()));
        Scope scope = new Scope(filter, members);

        List<MonthlyDecisions> decisionsByMonth = List.of();
        AgreementCounts agreements = new AgreementCounts(Map.of(), Map.of(), zeros(AGREEMENT_STATUSES));
        if (!members.isEmpty()) { // a sector and an institution of another sector: nothing to count
            programmeCounts(scope, period, tallies);
            programmeDistributions(scope, period, tallies);
            decisionsByMonth = exemptionFigures(scope, period, tallies);
            overdue(scope, today, tallies);
            agreements = agreementCounts(filter, period, today);
        }
        Map<String, String> idByCode = new HashMap<>();
        members.forEach(m -> idByCode.put(m.code(), m.id()));
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
        return new PilotReport(filter, Instant.now(clock), rows, sectorRows, total.figures(), decisionsByMonth);
    }

    /** The period as bounds: dates inclusive, instants half-open in the registry's time zone. */
    private record Period(LocalDate from, LocalDate to, Timestamp start, Timestamp end) {
        Period(ReportFilter f, ZoneId zone) {
            this(f.from() == null ? BEGINNING : f.from(), f.to() == null ? END_OF_TIME : f.to(),
                    Timestamp.from((f.from() == null ? BEGINNING : f.from()).atStartOfDay(zone).toInstant()),
                    Timestamp.from((f.to() == null ? END_OF_TIME : f.to().plusDays(1)).atStartOfDay(zone).toInstant()));
        }

        /** Appends the condition "received in the period" (days inclusive) on a date column. */
        Sql received(Sql sql, String column) {
            sql.append(column + " >= ");
            bound(sql, from.getYear(), from.toString(), Date.valueOf(from), "DATE");
            sql.append(" AND " + column + " <= ");
            return bound(sql, to.getYear(), to.toString(), Date.valueOf(to), "DATE");
        }

        /** Appends the condition "in the period" (from the first day's start up to the last day's end) on a timestamp column. */
        Sql within(Sql sql, String column) {
            sql.append(column + " >= ");
            bound(sql, start);
            sql.append(" AND " + column + " < ");
            return bound(sql, end);
        }

        private static Sql bound(Sql sql, Timestamp t) {
            var utc = t.toInstant().atOffset(java.time.ZoneOffset.UTC);
            return bound(sql, utc.getYear(), utc.format(INSTANT), t, "TIMESTAMP WITH TIME ZONE");
        }

        /*
         * The bounds are written into the statements as literals, not bound as parameters: the driver prepares a statement
         * on the server after a few executions, and PostgreSQL then plans it once for any bounds (a generic plan that guesses
         * a few rows for any range), which made the programme distributions 50% slower (28 instead of 18 ms). A literal is
         * planned for its period. Only years 1..9999 print as plain digits and dashes; others stay parameters.
         */
        private static final java.time.format.DateTimeFormatter INSTANT = java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ssxxx");

        private static Sql bound(Sql sql, int year, String text, Object value, String type) {
            return year >= 1 && year <= 9999 ? sql.append(type + " '" + text + "'") : sql.param(value);
        }
    }

    /** The members a report covers, as a condition on an institution_id column: none for the whole consortium. */
    private record Scope(boolean everyone, List<String> ids) {
        Scope(ReportFilter filter, List<Member> members) {
            this(filter.sector() == null && filter.institution() == null, members.stream().map(Member::id).toList());
        }

        Sql restrict(Sql sql, String column) {
            if (everyone) return sql;
            sql.append(" AND " + column + (ids.size() == 1 ? " = " : " IN ("));
            for (int i = 0; i < ids.size(); i++) {
                if (i > 0) sql.append(", ");
                sql.param(ids.get(i));
            }
            return ids.size() == 1 ? sql : sql.append(")");
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

    private void programmeCounts(Scope scope, Period period, Map<String, Tally> tallies) {
        Sql sql = new Sql("SELECT p.institution_id");
        for (String column : List.of("p.created_at", "p.first_published_at", "p.withdrawn_at")) {
            sql.append(", SUM(CASE WHEN ");
            period.within(sql, column).append(" THEN 1 ELSE 0 END)");
        }
        sql.append(" FROM programme p WHERE 1 = 1");
        scope.restrict(sql, "p.institution_id").append(" GROUP BY p.institution_id");
        for (Object[] r : sql.rows(em)) {
            Tally t = tallies.get((String) r[0]);
            if (t == null) continue;
            t.registered = number(r[1]);
            t.published = number(r[2]);
            t.withdrawn = number(r[3]);
        }
    }

    /**
     * One statement for the distributions of the programmes first published in the period, in their latest published
     * version: NLQF level and EC band (with the sum of EC), languages, forms of participation, told apart by the first
     * column. The versions are found once (the CTE) and read three times. The latest published version is the published
     * one without a published successor: an anti-join answered with one hash over the published versions (on PostgreSQL
     * from the partial index of V18 alone) instead of a MAX subquery per programme.
     */
    private void programmeDistributions(Scope scope, Period period, Map<String, Tally> tallies) {
        Sql sql = new Sql("WITH pv AS (SELECT p.institution_id AS inst, v.id AS vid, v.nlqf_level AS nlqf, v.ects AS ects"
                + " FROM programme p JOIN programme_version v ON v.programme_id = p.id AND v.published_at IS NOT NULL"
                + " WHERE ");
        period.within(sql, "p.first_published_at");
        scope.restrict(sql, "p.institution_id");
        String band = ECTS_BAND.replace("v.ects", "pv.ects");
        sql.append(" AND NOT EXISTS (SELECT 1 FROM programme_version w WHERE w.programme_id = v.programme_id AND w.published_at IS NOT NULL"
                + " AND w.number > v.number))"
                + " SELECT 'L', pv.inst, pv.nlqf, " + band + ", COUNT(*), SUM(pv.ects) FROM pv GROUP BY pv.inst, pv.nlqf, " + band
                + " UNION ALL SELECT 'G', pv.inst, l.language, NULL, COUNT(*), NULL FROM pv JOIN programme_version_language l ON l.version_id = pv.vid"
                + " GROUP BY pv.inst, l.language"
                + " UNION ALL SELECT 'P', pv.inst, x.participation, NULL, COUNT(*), NULL FROM pv"
                + " JOIN programme_version_participation x ON x.version_id = pv.vid GROUP BY pv.inst, x.participation");
        for (Object[] r : sql.rows(em)) {
            Tally t = tallies.get((String) r[1]);
            if (t == null) continue;
            long n = number(r[4]);
            switch ((String) r[0]) {
                case "L" -> {
                    if (r[2] != null) t.nlqf.merge((String) r[2], n, Long::sum);
                    t.bands.merge((String) r[3], n, Long::sum);
                    if (r[5] != null) t.totalEcts = t.totalEcts.add(new BigDecimal(r[5].toString()));
                }
                case "G" -> t.languages.merge((String) r[2], n, Long::sum);
                default -> t.participation.merge((String) r[2], n, Long::sum);
            }
        }
    }

    private String daysToDecision() {
        return postgres ? "(r.decided_on - r.received_on)" : "DATEDIFF('DAY', r.received_on, r.decided_on)";
    }

    /** The figures of the request pass, in its columns from the fifth on; the decisions of a day need only the outcome counts. */
    private static final String REQUEST_COUNTS = "COUNT(*), COUNT(r.outcome)"
            + ", COUNT(*) FILTER (WHERE r.status = 'WITHDRAWN')"
            + ", COUNT(*) FILTER (WHERE r.status IN ('SUBMITTED', 'IN_REVIEW', 'INFORMATION_REQUESTED'))"
            + ", COUNT(*) FILTER (WHERE r.outcome = 'GRANTED')"
            + ", COUNT(*) FILTER (WHERE r.outcome = 'PARTIALLY_GRANTED')"
            + ", COUNT(*) FILTER (WHERE r.outcome = 'REJECTED')"
            + ", COUNT(r.appeal_filed_on)"
            + ", COUNT(*) FILTER (WHERE r.status = 'APPEALED')"
            + ", COUNT(*) FILTER (WHERE r.status = 'UPHELD')"
            + ", COUNT(*) FILTER (WHERE r.status = 'OVERTURNED')";

    /**
     * One pass over the requests received in the period, read from a covering index alone: the counts per institution
     * and days to decision (kind 0), and the outcomes per day of decision (kind 1), which are folded into months here. On
     * PostgreSQL the two groupings are GROUPING SETS of one scan (measured on the large data: ~200 ms instead of ~370 ms
     * for the two scans before, and half the CPU of two parallel scans); H2, without grouping sets, gets the same rows from
     * a UNION ALL. Columns: kind, institution, days, day of decision, then {@link #REQUEST_COUNTS}.
     */
    private List<MonthlyDecisions> exemptionFigures(Scope scope, Period period, Map<String, Tally> tallies) {
        String days = daysToDecision();
        String table = " FROM exemption_request r WHERE ";
        Sql sql;
        if (postgres) {
            sql = period.received(new Sql("SELECT GROUPING(r.institution_id), r.institution_id, " + days + ", r.decided_on, " + REQUEST_COUNTS + table),
                    "r.received_on");
            scope.restrict(sql, "r.institution_id").append(" GROUP BY GROUPING SETS ((r.institution_id, " + days + "), (r.decided_on))");
        } else {
            sql = period.received(new Sql("SELECT 0, r.institution_id, " + days + ", NULL, " + REQUEST_COUNTS + table), "r.received_on");
            scope.restrict(sql, "r.institution_id").append(" GROUP BY r.institution_id, " + days
                    + " UNION ALL SELECT 1, NULL, NULL, r.decided_on, " + REQUEST_COUNTS + table);
            period.received(sql, "r.received_on");
            scope.restrict(sql, "r.institution_id").append(" GROUP BY r.decided_on");
        }
        Map<String, Map<String, Long>> byMonth = new TreeMap<>();
        for (Object[] r : sql.rows(em)) {
            long granted = number(r[8]);
            long partially = number(r[9]);
            long rejected = number(r[10]);
            if (number(r[0]) == 1) {
                // the decisions of one day: those with a day of decision and an outcome
                if (r[3] == null || granted + partially + rejected == 0) continue;
                Map<String, Long> month = byMonth.computeIfAbsent(localDate(r[3]).toString().substring(0, 7), m -> zeros(OUTCOMES));
                month.merge("GRANTED", granted, Long::sum);
                month.merge("PARTIALLY_GRANTED", partially, Long::sum);
                month.merge("REJECTED", rejected, Long::sum);
                continue;
            }
            Tally t = tallies.get((String) r[1]);
            if (t == null) continue;
            t.received += number(r[4]);
            t.decided += number(r[5]);
            t.withdrawnRequests += number(r[6]);
            t.open += number(r[7]);
            t.outcomes.merge("GRANTED", granted, Long::sum);
            t.outcomes.merge("PARTIALLY_GRANTED", partially, Long::sum);
            t.outcomes.merge("REJECTED", rejected, Long::sum);
            t.appeals += number(r[11]);
            t.appealOutcomes.merge("PENDING", number(r[12]), Long::sum);
            t.appealOutcomes.merge("UPHELD", number(r[13]), Long::sum);
            t.appealOutcomes.merge("OVERTURNED", number(r[14]), Long::sum);
            if (r[2] != null) t.leadTimes.add((int) number(r[2]), number(r[5]));
        }
        List<MonthlyDecisions> list = new ArrayList<>();
        byMonth.forEach((m, outcomes) -> list.add(new MonthlyDecisions(m, outcomes)));
        return list;
    }

    private static LocalDate localDate(Object value) {
        if (value instanceof LocalDate d) return d;
        if (value instanceof Date d) return d.toLocalDate();
        return LocalDate.parse(value.toString().substring(0, 10));
    }

    /** Overdue now, whatever the period: running (not waiting for information) and past the decision due date. */
    private void overdue(Scope scope, LocalDate today, Map<String, Tally> tallies) {
        Sql sql = new Sql("SELECT r.institution_id, COUNT(*) FROM exemption_request r"
                + " WHERE r.status IN ('SUBMITTED', 'IN_REVIEW') AND r.decision_due < ").param(Date.valueOf(today));
        scope.restrict(sql, "r.institution_id").append(" GROUP BY r.institution_id");
        for (Object[] r : sql.rows(em)) {
            Tally t = tallies.get((String) r[0]);
            if (t != null) t.overdue = number(r[1]);
        }
    }

    private record AgreementCounts(Map<String, Map<String, Long>> byInstitution, Map<String, Map<String, Long>> bySector,
                                   Map<String, Long> total) { }

    /**
     * Agreements created before the period's end, by their status today (ACTIVE or PROPOSED past validUntil reads EXPIRED),
     * for each party of their current version: once per institution, once per sector, once in total. One statement reads
     * the (party, agreement, status) rows, a few per agreement; the distinct agreements are counted here.
     */
    private AgreementCounts agreementCounts(ReportFilter filter, Period period, LocalDate today) {
        Sql sql = new Sql("SELECT i.code, i.sector, a.id, CASE WHEN a.status IN ('ACTIVE', 'PROPOSED') AND a.valid_until < ").param(Date.valueOf(today))
                .append(" THEN 'EXPIRED' ELSE a.status END"
                        + " FROM agreement a JOIN agreement_version av ON av.agreement_id = a.id AND av.number = a.current_version"
                        + " JOIN agreement_party ap ON ap.version_id = av.id JOIN institution i ON i.code = ap.institution_code"
                        + " WHERE a.created_at < ").param(period.end());
        members(sql, filter);
        Map<String, Map<String, java.util.Set<String>>> byInstitution = new HashMap<>();
        Map<String, Map<String, java.util.Set<String>>> bySector = new HashMap<>();
        Map<String, java.util.Set<String>> total = new HashMap<>();
        for (Object[] r : sql.rows(em)) {
            String agreement = (String) r[2];
            String status = (String) r[3];
            byInstitution.computeIfAbsent((String) r[0], k -> new HashMap<>()).computeIfAbsent(status, k -> new java.util.HashSet<>()).add(agreement);
            bySector.computeIfAbsent((String) r[1], k -> new HashMap<>()).computeIfAbsent(status, k -> new java.util.HashSet<>()).add(agreement);
            total.computeIfAbsent(status, k -> new java.util.HashSet<>()).add(agreement);
        }
        Map<String, Map<String, Long>> institutions = new HashMap<>();
        byInstitution.forEach((code, statuses) -> institutions.put(code, counted(statuses)));
        Map<String, Map<String, Long>> sectors = new HashMap<>();
        bySector.forEach((sector, statuses) -> sectors.put(sector, counted(statuses)));
        return new AgreementCounts(institutions, sectors, counted(total));
    }

    private static Map<String, Long> counted(Map<String, java.util.Set<String>> agreementsByStatus) {
        Map<String, Long> counts = zeros(AGREEMENT_STATUSES);
        agreementsByStatus.forEach((status, agreements) -> counts.merge(status, (long) agreements.size(), Long::sum));
        return counts;
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
