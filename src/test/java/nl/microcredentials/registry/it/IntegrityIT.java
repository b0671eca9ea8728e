package nl.microcredentials.registry.it;

import static nl.microcredentials.registry.it.Api.anonymous;
import static nl.microcredentials.registry.it.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import com.sun.net.httpserver.HttpServer;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.InetSocketAddress;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The promises of issue 20, over HTTP on PostgreSQL. Two kinds of test:
 * <ul>
 * <li>property-based: random sequences of legal-looking operations by random actors (generated from a seed; set
 * {@code -Dpbt.seed=n} to replay one), with the registry's invariants checked against the database after every step;</li>
 * <li>the reproduced defects as examples (change of parties, withdrawn and revised programmes, reused idempotency
 * keys, pinned versions, inactive members, a change of sector, re-routing, late appeals, free text for coordinators).</li>
 * </ul>
 * Each run creates its own member institutions, so the other suites' data is untouched.
 */
@SharedRegistry.Suite
class IntegrityIT {

    @SharedRegistry.Base
    URL base;

    static final String COORDINATOR = TestTokens.coordinator();
    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    static final LocalDate TODAY = LocalDate.now(ZONE);
    static final long SEED = Long.getLong("pbt.seed", 20_261_204L);
    static final int AGREEMENT_SEQUENCES = Integer.getInteger("pbt.agreementSequences", 40);
    static final int PROGRAMME_SEQUENCES = Integer.getInteger("pbt.programmeSequences", 25);
    static final int STEPS = 14;

    static HttpServer receiver;
    static String run;
    static List<String> members;

    private Connection db;

    @BeforeEach
    void setUp() throws Exception {
        db = DriverManager.getConnection(System.getProperty("test.db.url"), System.getProperty("test.db.user"), System.getProperty("test.db.password"));
        if (run == null) {
            run = UUID.randomUUID().toString().substring(0, 6);
            receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            receiver.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            receiver.start();
            members = new ArrayList<>();
            for (String letter : List.of("a", "b", "c", "d")) {
                String code = "pbt-" + run + "-" + letter;
                institution(code, letter.equals("b") || letter.equals("d") ? "HBO" : "WO");
                members.add(code);
                as(base, admin(code)).body(Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/" + code))
                        .put("/api/institutions/" + code + "/webhook").then().statusCode(200);
                for (String board : List.of("One", "Two")) {
                    as(base, admin(code)).body(Map.of("name", "Board " + board + " " + code, "email", "board@" + code + ".invalid",
                            "decisionTermDays", board.equals("One") ? 42 : 56, "courseCodePrefixes", List.of(board.toUpperCase())))
                            .post("/api/institutions/" + code + "/boards").then().statusCode(201);
                }
            }
        }
    }

    @AfterAll
    static void stop() {
        if (receiver != null) receiver.stop(0);
    }

    @org.junit.jupiter.api.AfterEach
    void close() throws SQLException {
        db.close();
    }

    // ==== agreements ============================================================================================

    @Test
    void agreementSequencesKeepTheTermsInForceBindingExactlyTheirParties() throws Exception {
        int steps = 0;
        Map<String, Integer> outcomes = new java.util.TreeMap<>();
        for (int sequence = 0; sequence < AGREEMENT_SEQUENCES; sequence++) {
            long seed = SEED + sequence;
            Random random = new Random(seed);
            List<String> agreements = new ArrayList<>();
            List<String> trace = new ArrayList<>();
            for (int step = 0; step < STEPS; step++) {
                AgreementStep op = agreementStep(random, agreements);
                trace.add(op.toString());
                String context = "seed " + seed + " (replay with -Dpbt.seed=" + seed + " -Dpbt.agreementSequences=1), steps " + trace;
                Snapshot before = op.agreement == null ? null : snapshot(op.agreement);
                Map<String, Integer> deliveriesBefore = op.agreement == null ? Map.of() : deliveries(op.agreement);
                Response response = perform(op, agreements);
                int status = response.statusCode();
                outcomes.merge(op.kind + " " + status, 1, Integer::sum);
                assertThat(status).as("no 5xx: " + context + "\n" + response.asString()).isLessThan(500);
                steps++;
                boolean changed = status / 100 == 2 && !op.kind.equals("expire");
                String id = op.kind.equals("create") && changed ? response.path("id") : op.agreement;
                if (op.kind.equals("create") && changed) agreements.add(id);
                if (id == null || (op.kind.equals("delete") && changed)) continue;
                Snapshot after = snapshot(id);

                // nobody outside the parties of the version in force terminates it
                if (op.kind.equals("terminate") && changed) {
                    assertThat(before.inForceParties()).as("terminated by a party of the terms in force: " + context).contains(op.actor);
                }
                if (op.kind.equals("terminate") && !before.inForceParties().contains(op.actor)) {
                    assertThat(changed).as("a non-party cannot terminate: " + context).isFalse();
                }
                // once proposed, the parties never change
                if (op.kind.equals("edit") && changed && before != null && !before.status().equals("DRAFT")) {
                    assertThat(after.currentParties()).as("parties after proposal: " + context).isEqualTo(before.currentParties());
                }
                // every party of the version in force (and of the version awaiting approval) is told of every change
                if (changed) {
                    Map<String, Integer> deliveriesAfter = deliveries(id);
                    Set<String> told = new TreeSet<>(after.inForceParties());
                    told.addAll(after.currentParties());
                    if (before != null) told.addAll(before.inForceParties());
                    for (String party : told) {
                        if (!members.contains(party)) continue;
                        assertThat(deliveriesAfter.getOrDefault(party, 0)).as("notification of " + party + " after " + op + ": " + context)
                                .isGreaterThan(deliveriesBefore.getOrDefault(party, 0));
                    }
                }
                assertAgreementInvariants(agreements, context);
            }
            // at the end of every sequence: every party of the version in force can read it
            for (String id : agreements) {
                Snapshot s = snapshot(id);
                if (s == null) continue;
                for (String party : s.inForceParties()) {
                    if (!members.contains(party)) continue;
                    as(base, admin(party)).get("/api/agreements/" + id).then().statusCode(200);
                }
            }
        }
        System.out.printf("IntegrityIT: %d agreement operation sequences, %d operations, seed %d; outcomes %s%n",
                AGREEMENT_SEQUENCES, steps, SEED, outcomes);
        assertThat(outcomes.keySet()).as("the generator reaches activation, termination and refused changes of parties")
                .anyMatch(k -> k.startsWith("approve 200")).anyMatch(k -> k.startsWith("terminate 200"))
                .anyMatch(k -> k.startsWith("edit 409")).anyMatch(k -> k.startsWith("terminate 403"));
    }

    record AgreementStep(String kind, String actor, String agreement, List<String> parties, String terms, boolean staleHash) {
        @Override
        public String toString() {
            return kind + "(" + (actor == null ? "" : actor.substring(actor.length() - 1)) + (agreement == null ? "" : "," + agreement.substring(0, 4))
                    + (parties == null ? "" : "," + parties.stream().map(p -> p.substring(p.length() - 1)).toList()) + (staleHash ? ",stale" : "") + ")";
        }
    }

    private AgreementStep agreementStep(Random random, List<String> agreements) {
        String actor = members.get(random.nextInt(members.size()));
        if (agreements.isEmpty() || (agreements.size() < 3 && random.nextInt(8) == 0)) {
            return new AgreementStep("create", actor, null, parties(random, actor), "terms " + random.nextInt(3), false);
        }
        String agreement = agreements.get(random.nextInt(agreements.size()));
        Snapshot s = snapshot(agreement);
        // mostly what the agreement's state invites, by one of its parties; otherwise anything, by anyone
        String kind;
        if (s != null && random.nextInt(10) < 7) {
            boolean pending = s.activeVersion() != null && s.activeVersion() != s.currentVersion();
            kind = switch (s.status()) {
                case "DRAFT" -> random.nextInt(3) == 0 ? "edit" : "propose";
                case "PROPOSED" -> random.nextInt(4) == 0 ? "edit" : "approve";
                case "ACTIVE" -> pending && random.nextBoolean() ? "approve" : List.of("edit", "edit", "terminate", "expire").get(random.nextInt(4));
                default -> List.of("edit", "terminate", "approve").get(random.nextInt(3));
            };
            List<String> own = new ArrayList<>(kind.equals("terminate") && random.nextInt(3) == 0 ? members
                    : s.inForceParties().isEmpty() || random.nextBoolean() ? s.currentParties() : s.inForceParties());
            if (kind.equals("approve")) {
                List<String> waiting = new ArrayList<>(s.currentParties());
                waiting.removeAll(approvers(agreement));
                if (!waiting.isEmpty() && random.nextInt(5) != 0) own = waiting;
            }
            own.retainAll(members);
            if (!own.isEmpty()) actor = own.get(random.nextInt(own.size()));
        } else {
            int roll = random.nextInt(100);
            kind = roll < 22 ? "edit" : roll < 37 ? "propose" : roll < 70 ? "approve" : roll < 85 ? "terminate" : roll < 92 ? "expire" : "delete";
        }
        return switch (kind) {
            case "edit" -> {
                List<String> parties = random.nextInt(3) == 0 || s == null ? parties(random, actor) : new ArrayList<>(s.currentParties());
                yield new AgreementStep("edit", actor, agreement, parties, "terms " + random.nextInt(4), false);
            }
            case "approve" -> new AgreementStep("approve", actor, agreement, null, null, random.nextInt(6) == 0);
            default -> new AgreementStep(kind, actor, agreement, null, null, false);
        };
    }

    private Set<String> approvers(String agreement) {
        try (var s = db.prepareStatement("SELECT x.institution_code FROM agreement_approval x JOIN agreement a ON a.id = x.agreement_id"
                + " JOIN agreement_version v ON v.agreement_id = a.id AND v.number = a.current_version WHERE a.id = ? AND x.terms_hash = v.terms_hash")) {
            s.setString(1, agreement);
            var rs = s.executeQuery();
            Set<String> approvers = new TreeSet<>();
            while (rs.next()) approvers.add(rs.getString(1));
            return approvers;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> parties(Random random, String actor) {
        List<String> parties = new ArrayList<>(List.of(actor));
        List<String> others = new ArrayList<>(members);
        others.remove(actor);
        java.util.Collections.shuffle(others, random);
        parties.addAll(others.subList(0, 1 + random.nextInt(2)));
        return parties;
    }

    private Response perform(AgreementStep op, List<String> agreements) throws SQLException {
        String token = admin(op.actor);
        switch (op.kind) {
            case "create" -> {
                return as(base, token).body(agreementBody(op.parties, op.terms)).post("/api/agreements");
            }
            case "edit" -> {
                return as(base, token).header("If-Match", "\"" + etag(op.agreement) + "\"").body(agreementBody(op.parties, op.terms))
                        .put("/api/agreements/" + op.agreement);
            }
            case "propose" -> {
                return as(base, token).header("If-Match", "\"" + etag(op.agreement) + "\"").post("/api/agreements/" + op.agreement + "/propose");
            }
            case "approve" -> {
                String hash = op.staleHash ? staleHash(op.agreement) : currentHash(op.agreement);
                return as(base, token).body(Map.of("termsHash", hash)).post("/api/agreements/" + op.agreement + "/approvals");
            }
            case "terminate" -> {
                return as(base, token).header("If-Match", "\"" + etag(op.agreement) + "\"")
                        .body(Map.of("reason", "Ended by " + op.actor, "effectiveOn", TODAY.toString())).post("/api/agreements/" + op.agreement + "/terminate");
            }
            case "expire" -> {
                // a day passes past validUntil: what the registry reads as EXPIRED
                try (var s = db.prepareStatement("UPDATE agreement SET valid_until = ? WHERE id = ?")) {
                    s.setObject(1, TODAY.minusDays(1));
                    s.setString(2, op.agreement);
                    s.executeUpdate();
                }
                return as(base, COORDINATOR).get("/api/agreements/" + op.agreement);
            }
            case "delete" -> {
                Response r = as(base, token).header("If-Match", "\"" + etag(op.agreement) + "\"").delete("/api/agreements/" + op.agreement);
                if (r.statusCode() / 100 == 2) agreements.remove(op.agreement);
                return r;
            }
            default -> throw new IllegalArgumentException(op.kind);
        }
    }

    private static Map<String, Object> agreementBody(List<String> parties, String terms) {
        Map<String, Object> a = new HashMap<>();
        a.put("title", "PBT agreement");
        a.put("kind", parties.size() == 2 ? "BILATERAL" : "MULTILATERAL");
        a.put("parties", parties);
        a.put("effect", "ELECTIVE_CREDITS");
        a.put("terms", terms);
        a.put("validFrom", "2026-01-01");
        a.put("validUntil", "2030-12-31");
        return a;
    }

    /** The agreement as the database holds it. */
    record Snapshot(String status, Integer activeVersion, int currentVersion, Set<String> currentParties, Set<String> inForceParties) { }

    private Snapshot snapshot(String id) {
        try (var s = db.prepareStatement("SELECT status, active_version, current_version FROM agreement WHERE id = ?")) {
            s.setString(1, id);
            var rs = s.executeQuery();
            if (!rs.next()) return null;
            String status = rs.getString(1);
            Integer active = (Integer) rs.getObject(2);
            int current = rs.getInt(3);
            return new Snapshot(status, active, current, partiesOf(id, current), partiesOf(id, active == null ? current : active));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Set<String> partiesOf(String agreement, int number) throws SQLException {
        try (var s = db.prepareStatement("SELECT p.institution_code FROM agreement_party p JOIN agreement_version v ON v.id = p.version_id"
                + " WHERE v.agreement_id = ? AND v.number = ?")) {
            s.setString(1, agreement);
            s.setInt(2, number);
            var rs = s.executeQuery();
            Set<String> parties = new TreeSet<>();
            while (rs.next()) parties.add(rs.getString(1));
            return parties;
        }
    }

    private Map<String, Integer> deliveries(String agreement) throws SQLException {
        try (var s = db.prepareStatement("SELECT i.code, count(*) FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id"
                + " JOIN institution i ON i.id = w.institution_id WHERE d.agreement_id = ? GROUP BY i.code")) {
            s.setString(1, agreement);
            var rs = s.executeQuery();
            Map<String, Integer> counts = new HashMap<>();
            while (rs.next()) counts.put(rs.getString(1), rs.getInt(2));
            return counts;
        }
    }

    private int etag(String agreement) {
        return as(base, COORDINATOR).get("/api/agreements/" + agreement).then().extract().path("version");
    }

    private String currentHash(String agreement) throws SQLException {
        return hashQuery("SELECT v.terms_hash FROM agreement_version v JOIN agreement a ON a.id = v.agreement_id"
                + " WHERE a.id = ? AND v.number = a.current_version", agreement);
    }

    private String staleHash(String agreement) throws SQLException {
        String stale = hashQuery("SELECT v.terms_hash FROM agreement_version v JOIN agreement a ON a.id = v.agreement_id"
                + " WHERE a.id = ? AND v.number < a.current_version ORDER BY v.number LIMIT 1", agreement);
        return stale != null ? stale : "0".repeat(64);
    }

    private String hashQuery(String sql, String agreement) throws SQLException {
        try (var s = db.prepareStatement(sql)) {
            s.setString(1, agreement);
            var rs = s.executeQuery();
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /**
     * After every step, for every agreement of the sequence: a version in force was approved, on its exact hash, by every
     * one of its parties; once proposed, every version has the same parties; ACTIVE means a version is in force.
     */
    private void assertAgreementInvariants(List<String> agreements, String context) throws SQLException {
        for (String id : agreements) {
            Snapshot s = snapshot(id);
            if (s == null) continue;
            if (s.status().equals("ACTIVE")) assertThat(s.activeVersion()).as("ACTIVE has a version in force: " + context).isNotNull();
            if (s.activeVersion() != null) {
                String hash = hashQuery("SELECT v.terms_hash FROM agreement_version v JOIN agreement a ON a.id = v.agreement_id"
                        + " WHERE a.id = ? AND v.number = a.active_version", id);
                Set<String> approvedBy = new TreeSet<>();
                try (var q = db.prepareStatement("SELECT institution_code FROM agreement_approval WHERE agreement_id = ? AND terms_hash = ?")) {
                    q.setString(1, id);
                    q.setString(2, hash);
                    var rs = q.executeQuery();
                    while (rs.next()) approvedBy.add(rs.getString(1));
                }
                assertThat(approvedBy).as("every party of the version in force approved its hash: " + context).containsAll(s.inForceParties());
            }
            if (!s.status().equals("DRAFT")) {
                for (int n = 1; n <= s.currentVersion(); n++) {
                    Set<String> parties = partiesOf(id, n);
                    if (!parties.isEmpty()) assertThat(parties).as("the parties of version " + n + ": " + context).isEqualTo(s.currentParties());
                }
            }
        }
    }

    @Test
    void aChangeOfPartiesIsRefusedOnceProposedAndOnlyThePartiesInForceTerminate() {
        String a = members.get(0), b = members.get(1), c = members.get(2);
        String id = as(base, admin(a)).body(agreementBody(List.of(a, b), "A-B terms")).post("/api/agreements").then().statusCode(201).extract().path("id");
        // a draft's parties may still change
        as(base, admin(a)).header("If-Match", "\"" + etag(id) + "\"").body(agreementBody(List.of(a, c), "A-C terms")).put("/api/agreements/" + id)
                .then().statusCode(200);
        as(base, admin(a)).header("If-Match", "\"" + etag(id) + "\"").body(agreementBody(List.of(a, b), "A-B terms")).put("/api/agreements/" + id)
                .then().statusCode(200);
        as(base, admin(a)).header("If-Match", "\"" + etag(id) + "\"").post("/api/agreements/" + id + "/propose").then().statusCode(200);
        String hash = as(base, admin(a)).get("/api/agreements/" + id).then().extract().path("termsHash");
        as(base, admin(a)).body(Map.of("termsHash", hash)).post("/api/agreements/" + id + "/approvals").then().statusCode(200);
        as(base, admin(b)).body(Map.of("termsHash", hash)).post("/api/agreements/" + id + "/approvals").then().statusCode(200)
                .body("status", equalTo("ACTIVE"));

        // A cannot swap B for C: 409 naming the parties; nothing changes
        as(base, admin(a)).header("If-Match", "\"" + etag(id) + "\"").body(agreementBody(List.of(a, c), "A-C terms")).put("/api/agreements/" + id)
                .then().statusCode(409).body("errors.field", hasItem("parties")).body("detail", containsString("new agreement"));
        as(base, COORDINATOR).get("/api/agreements/" + id).then().body("parties", equalTo(List.of(a, b).stream().sorted().toList())).body("versionNumber", equalTo(1));
        // C is no party: it cannot terminate; B, bound by the terms, can
        as(base, admin(c)).header("If-Match", "\"" + etag(id) + "\"").body(Map.of("reason", "not mine", "effectiveOn", TODAY.toString()))
                .post("/api/agreements/" + id + "/terminate").then().statusCode(403);
        // a change of terms with the same parties is still a new version both approve, while version 1 stays in force
        as(base, admin(a)).header("If-Match", "\"" + etag(id) + "\"").body(agreementBody(List.of(b, a), "A-B terms, revised")).put("/api/agreements/" + id)
                .then().statusCode(200).body("versionNumber", equalTo(2)).body("activeVersionNumber", equalTo(1));
        as(base, admin(b)).header("If-Match", "\"" + etag(id) + "\"").body(Map.of("reason", "B ends it", "effectiveOn", TODAY.toString()))
                .post("/api/agreements/" + id + "/terminate").then().statusCode(200).body("status", equalTo("TERMINATED"));
    }

    // ==== programmes and exemption requests ==================================================================

    @Test
    void programmeAndRequestSequencesKeepEarnedVersionsReadableAndRequestsTheirFacts() throws Exception {
        String issuerWo = members.get(0), issuerHbo = members.get(1), receiver = members.get(2);
        int steps = 0;
        Map<String, Integer> outcomes = new java.util.TreeMap<>();
        for (int sequence = 0; sequence < PROGRAMME_SEQUENCES; sequence++) {
            long seed = SEED * 31 + sequence;
            Random random = new Random(seed);
            // every sequence starts with active members in their own sectors
            for (String member : List.of(issuerWo, issuerHbo, receiver)) {
                updateInstitution(member, member.equals(issuerHbo) ? "HBO" : "WO", true).then().statusCode(200);
            }
            List<String> programmes = new ArrayList<>();
            Map<String, String> badges = new HashMap<>();
            List<String> requests = new ArrayList<>();
            List<String> trace = new ArrayList<>();
            for (int step = 0; step < STEPS; step++) {
                String context = "seed " + seed + " (replay with -Dpbt.seed=" + SEED + " and sequence " + sequence + "), steps " + trace;
                int roll = random.nextInt(100);
                String kind;
                Response response;
                if (programmes.isEmpty() || roll < 12) {
                    String issuer = random.nextBoolean() ? issuerWo : issuerHbo;
                    if (!active(issuer) && random.nextInt(4) != 0) issuer = issuer.equals(issuerWo) ? issuerHbo : issuerWo;
                    boolean experimental = issuer.equals(issuerWo) && sector(issuer).equals("WO") && random.nextInt(3) == 0;
                    Map<String, Object> body = programmeBody(experimental);
                    kind = "create";
                    response = as(base, admin(issuer)).body(body).post("/api/programmes");
                    if (response.statusCode() == 201) {
                        programmes.add(response.path("id"));
                        badges.put(response.path("id"), (String) body.get("edubadgeBadgeClassUrl"));
                    }
                } else if (roll < 45) {
                    String p = programmes.get(random.nextInt(programmes.size()));
                    String issuer = issuerOf(p);
                    String action = List.of("publish", "publish", "withdraw", "revise").get(random.nextInt(4));
                    kind = action;
                    boolean activeBefore = active(issuer);
                    int publishedBefore = publishedVersions(p);
                    String statusBefore = programmeStatus(p);
                    int etag = as(base, admin(issuer)).get("/api/programmes/" + p).then().extract().path("version");
                    var spec = as(base, admin(issuer)).header("If-Match", "\"" + etag + "\"");
                    response = switch (action) {
                        case "publish" -> spec.post("/api/programmes/" + p + "/publish");
                        case "withdraw" -> spec.body(Map.of("reason", "Withdrawn in sequence " + sequence)).post("/api/programmes/" + p + "/withdraw");
                        default -> {
                            Map<String, Object> body = programmeBody(false);
                            body.put("edubadgeBadgeClassUrl", badges.get(p));
                            body.put("ects", 3 + random.nextInt(10));
                            yield spec.body(body).put("/api/programmes/" + p);
                        }
                    };
                    if (!activeBefore && (action.equals("publish") && !statusBefore.equals("PUBLISHED") || statusBefore.equals("PUBLISHED") && action.equals("revise"))) {
                        assertThat(response.statusCode()).as("an inactive member publishes nothing: " + context).isEqualTo(403);
                        assertThat(publishedVersions(p)).as("nothing published: " + context).isEqualTo(publishedBefore);
                    }
                    if (action.equals("revise") && statusBefore.equals("WITHDRAWN") && response.statusCode() == 200) {
                        assertThat(programmeStatus(p)).as("a revision keeps a withdrawn programme WITHDRAWN: " + context).isEqualTo("WITHDRAWN");
                    }
                } else if (roll < 50) {
                    String member = List.of(issuerWo, issuerHbo, receiver).get(random.nextInt(3));
                    boolean sectorChange = member.equals(issuerWo) && random.nextBoolean();
                    kind = sectorChange ? "sector" : "membership";
                    response = updateInstitution(member, sectorChange ? (sector(member).equals("WO") ? "HBO" : "WO") : sector(member),
                            sectorChange ? active(member) : !active(member));
                } else if (roll < 72) {
                    // requests on published or withdrawn programmes, mostly
                    List<String> public_ = new ArrayList<>();
                    for (String candidate : programmes) if (!programmeStatus(candidate).equals("DRAFT")) public_.add(candidate);
                    String p = !public_.isEmpty() && random.nextInt(5) != 0 ? public_.get(random.nextInt(public_.size()))
                            : programmes.get(random.nextInt(programmes.size()));
                    kind = "record";
                    boolean receiverActive = active(receiver);
                    String statusBefore = programmeStatus(p);
                    long countBefore = count("SELECT count(*) FROM exemption_request r JOIN institution i ON i.id = r.institution_id WHERE i.code = ?", receiver);
                    Map<String, Object> body = requestBody(p, random.nextInt(3) == 0 ? TODAY : TODAY.minusDays(random.nextInt(400)), random.nextInt(4) == 0 ? 1 + random.nextInt(3) : null,
                            random.nextBoolean() ? "ONE-" + step : "TWO-" + step);
                    String key = UUID.randomUUID().toString();
                    response = as(base, admin(receiver)).header("Idempotency-Key", key).body(body).post("/api/exemption-requests");
                    if (!receiverActive) {
                        assertThat(response.statusCode()).as("an inactive member records nothing: " + context).isEqualTo(403);
                    }
                    if (response.statusCode() == 201) {
                        String id = response.path("id");
                        requests.add(id);
                        if (statusBefore.equals("WITHDRAWN")) {
                            assertThat(response.jsonPath().getList("warnings", String.class)).as("withdrawal warning: " + context)
                                    .anyMatch(w -> w.contains("withdrawn"));
                        }
                        // the same key with another body: 422, nothing recorded
                        Map<String, Object> other = new HashMap<>(body);
                        other.put("motivation", "another body " + random.nextInt());
                        as(base, admin(receiver)).header("Idempotency-Key", key).body(other).post("/api/exemption-requests").then().statusCode(422)
                                .body("errors[0].field", equalTo("Idempotency-Key"));
                        as(base, admin(receiver)).header("Idempotency-Key", key).body(body).post("/api/exemption-requests").then().statusCode(201)
                                .body("id", equalTo(id));
                        assertThat(count("SELECT count(*) FROM exemption_request r JOIN institution i ON i.id = r.institution_id WHERE i.code = ?", receiver))
                                .as("one request for one key: " + context).isEqualTo(countBefore + 1);
                    }
                } else if (!requests.isEmpty()) {
                    String r = requests.get(random.nextInt(requests.size()));
                    JsonPath view = as(base, admin(receiver)).get("/api/exemption-requests/" + r).then().statusCode(200).extract().jsonPath();
                    int etag = view.getInt("version");
                    String status = view.getString("status");
                    String boardId = view.getString("board.id");
                    String member = TestTokens.boardMember(receiver, boardId);
                    int choice = random.nextInt(4);
                    if (choice == 0) {
                        kind = "reroute";
                        String other = otherBoard(receiver, boardId);
                        response = as(base, admin(receiver)).header("If-Match", "\"" + etag + "\"")
                                .body(Map.of("board", other, "reason", "Other board")).post("/api/exemption-requests/" + r + "/reroute");
                        if (response.statusCode() == 200) {
                            int term = boardTerm(other);
                            assertThat(response.jsonPath().getString("decisionDue")).as("the new board's term from today: " + context)
                                    .isEqualTo(TODAY.plusDays(term).toString());
                            assertThat(response.jsonPath().getString("status")).isEqualTo("SUBMITTED");
                        }
                    } else if (choice == 1) {
                        kind = "review+decide";
                        if (status.equals("SUBMITTED")) {
                            etag = as(base, member).header("If-Match", "\"" + etag + "\"").post("/api/exemption-requests/" + r + "/review")
                                    .then().statusCode(200).extract().path("version");
                        }
                        response = as(base, member).header("If-Match", "\"" + etag + "\"")
                                .body(Map.of("outcome", "GRANTED", "motivation", "Covered")).post("/api/exemption-requests/" + r + "/decision");
                    } else if (choice == 2) {
                        kind = "age-decision";
                        try (var s = db.prepareStatement("UPDATE exemption_request SET decided_on = ? WHERE id = ? AND decided_on IS NOT NULL")) {
                            s.setObject(1, TODAY.minusDays(43 + random.nextInt(30)));
                            s.setString(2, r);
                            s.executeUpdate();
                        }
                        response = as(base, admin(receiver)).get("/api/exemption-requests/" + r);
                    } else {
                        kind = "appeal";
                        boolean withReason = random.nextBoolean();
                        Map<String, Object> body = new HashMap<>(Map.of("filedOn", TODAY.toString()));
                        if (withReason) body.put("lateAcceptanceReason", "The learner was in hospital");
                        String decidedOn = view.getString("decision.decidedOn");
                        response = as(base, admin(receiver)).header("If-Match", "\"" + etag + "\"").body(body).post("/api/exemption-requests/" + r + "/appeal");
                        boolean late = decidedOn != null && TODAY.isAfter(LocalDate.parse(decidedOn).plusWeeks(6));
                        if (late && !withReason) assertThat(response.statusCode()).as("a late appeal without a reason: " + context).isEqualTo(400);
                        if (late && response.statusCode() == 200) {
                            assertThat(as(base, admin(receiver)).get("/api/exemption-requests/" + r + "/history").then().extract()
                                    .jsonPath().getList("reason", String.class)).as("the reason is recorded: " + context).anyMatch(x -> x != null && x.contains("accepted"));
                        }
                    }
                } else {
                    kind = "none";
                    response = anonymous(base).get("/api/ping");
                }
                trace.add(kind + ":" + response.statusCode());
                outcomes.merge(kind + " " + response.statusCode(), 1, Integer::sum);
                assertThat(response.statusCode()).as("no 5xx: " + context + "\n" + response.asString()).isLessThan(500);
                steps++;
                assertProgrammeInvariants(programmes, badges, requests, context);
            }
        }
        System.out.printf("IntegrityIT: %d programme/request operation sequences, %d operations, seed %d; outcomes %s%n",
                PROGRAMME_SEQUENCES, steps, SEED, outcomes);
        // leave the shared members as the other suites expect them: active, in their sector
        updateInstitution(issuerWo, "WO", true);
        updateInstitution(issuerHbo, "HBO", true);
        updateInstitution(receiver, "WO", true);
        assertThat(outcomes.keySet()).as("the generator reaches withdrawals, revisions, records and re-routings")
                .anyMatch(k -> k.startsWith("withdraw 200")).anyMatch(k -> k.startsWith("revise 200")).anyMatch(k -> k.startsWith("record 201"))
                .anyMatch(k -> k.startsWith("reroute 200"));
    }

    /**
     * After every step: a programme ever published is public with all its published versions, is never a DRAFT again,
     * verifies as registered exactly while it is published by an active member (else says why); rule findings stand
     * exactly where the published content breaks the rules of its institution's sector; every request's pinned version
     * was published by its award date or the request says so, and it shows the facts of that version.
     */
    private void assertProgrammeInvariants(List<String> programmes, Map<String, String> badges, List<String> requests, String context) throws SQLException {
        for (String p : programmes) {
            String status = programmeStatus(p);
            Map<Integer, Boolean> versions = new LinkedHashMap<>();
            String firstPublished;
            try (var s = db.prepareStatement("SELECT v.number, v.published_at IS NOT NULL, p.first_published_at FROM programme_version v"
                    + " JOIN programme p ON p.id = v.programme_id WHERE p.id = ? ORDER BY v.number")) {
                s.setString(1, p);
                var rs = s.executeQuery();
                firstPublished = null;
                while (rs.next()) {
                    versions.put(rs.getInt(1), rs.getBoolean(2));
                    firstPublished = rs.getString(3);
                }
            }
            if (firstPublished == null) continue;
            assertThat(status).as("ever published, never a draft again: " + context).isNotEqualTo("DRAFT");
            anonymous(base).get("/api/programmes/" + p).then().statusCode(200).body("status", equalTo(status)).body("publishedAt", org.hamcrest.Matchers.notNullValue());
            for (var v : versions.entrySet()) {
                anonymous(base).get("/api/programmes/" + p + "/versions/" + v.getKey()).then().statusCode(v.getValue() ? 200 : 404);
            }
            JsonPath verified = anonymous(base).queryParam("badgeClassUrl", badges.get(p)).get("/api/verify").then().statusCode(200).extract().jsonPath();
            boolean registered = status.equals("PUBLISHED") && active(issuerOf(p));
            assertThat(verified.getBoolean("registered")).as("verification of " + p + ": " + context).isEqualTo(registered);
            assertThat(verified.getString("status")).as("verification status: " + context).isEqualTo(status);
            if (status.equals("WITHDRAWN")) assertThat(verified.getString("reason")).as(context).contains("withdrawn");
            if (status.equals("PUBLISHED")) {
                boolean experimental = latestPublishedExperimental(p);
                boolean breaks = experimental && sector(issuerOf(p)).equals("HBO");
                assertThat(ruleFindings(p) != null).as("rule findings of " + p + " (experimental " + experimental + ", sector " + sector(issuerOf(p)) + "): "
                        + context).isEqualTo(breaks);
            }
        }
        for (String r : requests) {
            try (var s = db.prepareStatement("SELECT r.awarded_on, v.published_at, r.warnings, v.ects FROM exemption_request r"
                    + " JOIN programme_version v ON v.programme_id = r.programme_id AND v.number = r.programme_version WHERE r.id = ?")) {
                s.setString(1, r);
                var rs = s.executeQuery();
                assertThat(rs.next()).isTrue();
                LocalDate awarded = rs.getObject(1, LocalDate.class);
                var published = rs.getObject(2, java.time.OffsetDateTime.class);
                String warnings = rs.getString(3);
                boolean inTime = !published.toInstant().isAfter(awarded.plusDays(1).atStartOfDay(ZONE).toInstant());
                if (!inTime) assertThat(warnings).as("a version published after the award date is flagged: " + context).contains("after the award date");
                java.math.BigDecimal ects = rs.getBigDecimal(4);
                Number shown = as(base, admin(members.get(2))).get("/api/exemption-requests/" + r).then().statusCode(200).extract().path("programme.ects");
                assertThat(new java.math.BigDecimal(shown.toString())).as("the request shows its pinned version: " + context).isEqualByComparingTo(ects);
            }
        }
    }

    // ==== the reproduced defects, as examples ==================================================================

    @Test
    void aRequestIsJudgedOnThePinnedVersionAndAnExplicitLaterVersionIsRefused() throws Exception {
        String issuer = members.get(0), receiver = members.get(2);
        Map<String, Object> body = programmeBody(false);
        body.put("ects", 5);
        String p = as(base, admin(issuer)).body(body).post("/api/programmes").then().statusCode(201).extract().path("id");
        publishProgramme(issuer, p);
        // an agreement in force at the receiver for programmes of 5 EC at most
        Map<String, Object> agreement = agreementBody(List.of(issuer, receiver), "small credentials");
        agreement.put("scope", Map.of("maxEcts", 5));
        String a = as(base, admin(issuer)).body(agreement).post("/api/agreements").then().statusCode(201).extract().path("id");
        as(base, admin(issuer)).header("If-Match", "\"" + etag(a) + "\"").post("/api/agreements/" + a + "/propose").then().statusCode(200);
        String hash = as(base, admin(issuer)).get("/api/agreements/" + a).then().extract().path("termsHash");
        as(base, admin(issuer)).body(Map.of("termsHash", hash)).post("/api/agreements/" + a + "/approvals").then().statusCode(200);
        as(base, admin(receiver)).body(Map.of("termsHash", hash)).post("/api/agreements/" + a + "/approvals").then().statusCode(200)
                .body("status", equalTo("ACTIVE"));
        // version 1 was published "last year" (moved in the database), version 2 (10 EC) today
        try (var s = db.prepareStatement("UPDATE programme_version SET published_at = published_at - interval '400 days' WHERE programme_id = ?")) {
            s.setString(1, p);
            s.executeUpdate();
        }
        body.put("ects", 10);
        int etag = as(base, admin(issuer)).get("/api/programmes/" + p).then().extract().path("version");
        as(base, admin(issuer)).header("If-Match", "\"" + etag + "\"").body(body).put("/api/programmes/" + p).then().statusCode(200)
                .body("versionNumber", equalTo(2));

        // awarded a month ago: version 1 (5 EC) is the one earned, and the agreement covers it, although version 2 (10 EC) does not
        JsonPath recorded = as(base, admin(receiver)).body(requestBody(p, TODAY.minusMonths(1), null, "ONE-1")).post("/api/exemption-requests")
                .then().statusCode(201).extract().jsonPath();
        assertThat(recorded.getInt("programme.versionNumber")).isEqualTo(1);
        assertThat(recorded.getDouble("programme.ects")).isEqualTo(5.0);
        assertThat(recorded.getList("applicableAgreements.id", String.class)).contains(a);
        String id = recorded.getString("id");
        as(base, admin(receiver)).get("/api/exemption-requests/" + id).then().statusCode(200).body("applicableAgreements.id", hasItem(a));
        // the newest version alone is not covered by this agreement (others between these members may cover it)
        anonymous(base).queryParam("programme", p).queryParam("institution", receiver).get("/api/recognition").then().statusCode(200)
                .body("agreements.id", org.hamcrest.Matchers.not(hasItem(a)));
        // an explicit version published after the award date is refused, naming the field
        as(base, admin(receiver)).body(requestBody(p, TODAY.minusMonths(1), 2, "ONE-2")).post("/api/exemption-requests")
                .then().statusCode(400).body("errors[0].field", equalTo("programmeVersion"));
        // awarded before anything was published: recorded with a warning
        JsonPath early = as(base, admin(receiver)).body(requestBody(p, TODAY.minusDays(420), null, "ONE-3")).post("/api/exemption-requests")
                .then().statusCode(201).extract().jsonPath();
        assertThat(early.getList("warnings", String.class)).anyMatch(w -> w.contains("after the award date"));
    }

    @Test
    void aChangeOfSectorIsReportedOnTheProgrammesThatNoLongerComply() {
        String code = "pbt-" + run + "-sector";
        institution(code, "WO");
        Map<String, Object> body = programmeBody(true);
        String p = as(base, admin(code)).body(body).post("/api/programmes").then().statusCode(201).extract().path("id");
        publishProgramme(code, p);
        as(base, admin(code)).get("/api/programmes/" + p).then().body("ruleFindings", org.hamcrest.Matchers.empty());
        updateInstitution(code, "HBO", true).then().statusCode(200);
        as(base, admin(code)).get("/api/programmes/" + p).then().statusCode(200).body("ruleFindings.field", hasItem("experimental"));
        as(base, COORDINATOR).get("/api/programmes/" + p).then().statusCode(200).body("ruleFindings.field", hasItem("experimental"));
        // the public reads the published content, without the institution's to-do list
        anonymous(base).get("/api/programmes/" + p).then().statusCode(200).body("ruleFindings", org.hamcrest.Matchers.empty());
        updateInstitution(code, "WO", true).then().statusCode(200);
        as(base, admin(code)).get("/api/programmes/" + p).then().body("ruleFindings", org.hamcrest.Matchers.empty());
    }

    @Test
    void aRerouteRestartsTheTermAtTheNewBoardAndALateAppealNeedsAReason() throws Exception {
        String issuer = members.get(0), receiver = members.get(2);
        String p = as(base, admin(issuer)).body(programmeBody(false)).post("/api/programmes").then().statusCode(201).extract().path("id");
        publishProgramme(issuer, p);
        JsonPath recorded = as(base, admin(receiver)).body(requestBody(p, TODAY.minusDays(1), null, "ONE-7")).post("/api/exemption-requests")
                .then().statusCode(201).extract().jsonPath();
        String id = recorded.getString("id");
        String one = recorded.getString("board.id");
        assertThat(recorded.getString("decisionDue")).isEqualTo(TODAY.plusDays(42).toString());
        String member = TestTokens.boardMember(receiver, one);
        int etag = as(base, member).header("If-Match", "\"" + recorded.getInt("version") + "\"").post("/api/exemption-requests/" + id + "/review")
                .then().statusCode(200).extract().path("version");
        etag = as(base, member).header("If-Match", "\"" + etag + "\"").body(Map.of("reason", "Complex case", "days", 14))
                .post("/api/exemption-requests/" + id + "/extend").then().statusCode(200).extract().path("version");
        String two = otherBoard(receiver, one);
        JsonPath rerouted = as(base, admin(receiver)).header("If-Match", "\"" + etag + "\"").body(Map.of("board", two, "reason", "Wrong board"))
                .post("/api/exemption-requests/" + id + "/reroute").then().statusCode(200).extract().jsonPath();
        // the new board received it today: its own 56-day term, no carried-over review or extension
        assertThat(rerouted.getString("status")).isEqualTo("SUBMITTED");
        assertThat(rerouted.getString("decisionDue")).isEqualTo(TODAY.plusDays(56).toString());
        assertThat(rerouted.getString("extension")).isNull();
        assertThat(rerouted.getString("receivedOn")).isEqualTo(TODAY.toString());
        assertThat(rerouted.getList("allowedTransitions", String.class)).contains("extend");
        as(base, admin(receiver)).get("/api/exemption-requests/" + id + "/history").then().body("reason", hasItem(containsString("starts again")));

        String newMember = TestTokens.boardMember(receiver, two);
        etag = as(base, newMember).header("If-Match", "\"" + rerouted.getInt("version") + "\"").post("/api/exemption-requests/" + id + "/review")
                .then().statusCode(200).extract().path("version");
        etag = as(base, newMember).header("If-Match", "\"" + etag + "\"").body(Map.of("outcome", "REJECTED", "motivation", "Not covered"))
                .post("/api/exemption-requests/" + id + "/decision").then().statusCode(200).extract().path("version");
        // the decision was taken 50 days ago (moved in the database): an appeal filed today is late
        try (var s = db.prepareStatement("UPDATE exemption_request SET decided_on = ? WHERE id = ?")) {
            s.setObject(1, TODAY.minusDays(50));
            s.setString(2, id);
            s.executeUpdate();
        }
        as(base, admin(receiver)).header("If-Match", "\"" + etag + "\"").body(Map.of("filedOn", TODAY.toString()))
                .post("/api/exemption-requests/" + id + "/appeal").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("filedOn", "lateAcceptanceReason"));
        as(base, admin(receiver)).get("/api/exemption-requests/" + id).then().body("status", equalTo("DECIDED"));
        as(base, admin(receiver)).header("If-Match", "\"" + etag + "\"")
                .body(Map.of("filedOn", TODAY.toString(), "lateAcceptanceReason", "The decision was sent to a wrong address"))
                .post("/api/exemption-requests/" + id + "/appeal").then().statusCode(200).body("status", equalTo("APPEALED"));
        as(base, admin(receiver)).get("/api/exemption-requests/" + id + "/history").then()
                .body("reason", hasItem(containsString("accepted: The decision was sent to a wrong address")));
    }

    @Test
    void anInactiveMemberNeitherPublishesNorRecords() {
        String code = "pbt-" + run + "-inactive";
        institution(code, "WO");
        as(base, admin(code)).body(Map.of("name", "Board", "email", "board@" + code + ".invalid")).post("/api/institutions/" + code + "/boards")
                .then().statusCode(201);
        String draft = as(base, admin(code)).body(programmeBody(false)).post("/api/programmes").then().statusCode(201).extract().path("id");
        String other = as(base, admin(members.get(0))).body(programmeBody(false)).post("/api/programmes").then().statusCode(201).extract().path("id");
        publishProgramme(members.get(0), other);
        updateInstitution(code, "WO", false).then().statusCode(200);
        int etag = as(base, admin(code)).get("/api/programmes/" + draft).then().extract().path("version");
        as(base, admin(code)).header("If-Match", "\"" + etag + "\"").post("/api/programmes/" + draft + "/publish").then().statusCode(403)
                .body("detail", containsString("not an active member"));
        as(base, admin(code)).body(requestBody(other, TODAY, null, "X-1")).post("/api/exemption-requests").then().statusCode(403);
        updateInstitution(code, "WO", true).then().statusCode(200);
        as(base, admin(code)).header("If-Match", "\"" + etag + "\"").post("/api/programmes/" + draft + "/publish").then().statusCode(200);
    }

    @Test
    void coordinatorsSeeNoFreeTextOfARequest() {
        String issuer = members.get(0), receiver = members.get(2);
        String p = as(base, admin(issuer)).body(programmeBody(false)).post("/api/programmes").then().statusCode(201).extract().path("id");
        publishProgramme(issuer, p);
        JsonPath recorded = as(base, admin(receiver)).body(requestBody(p, TODAY.minusDays(1), null, "ONE-9")).post("/api/exemption-requests")
                .then().statusCode(201).extract().jsonPath();
        String id = recorded.getString("id");
        String member = TestTokens.boardMember(receiver, recorded.getString("board.id"));
        as(base, member).header("If-Match", "\"" + recorded.getInt("version") + "\"")
                .body(Map.of("reason", "Learner Jan Jansen (s1234567) is ill", "days", 7)).post("/api/exemption-requests/" + id + "/extend")
                .then().statusCode(200).body("extension.reason", containsString("Jan Jansen"));
        String asCoordinator = as(base, COORDINATOR).get("/api/exemption-requests/" + id).then().statusCode(200)
                .body("extension.days", equalTo(7)).body("extension.reason", nullValue()).body("targetProgramme", nullValue()).extract().asString();
        String history = as(base, COORDINATOR).get("/api/exemption-requests/" + id + "/history").then().statusCode(200).extract().asString();
        assertThat(asCoordinator + history).doesNotContain("Jan Jansen", "s1234567");
    }

    // ==== helpers ===============================================================================================

    static String admin(String code) {
        return TestTokens.institutionAdmin(code);
    }

    private void institution(String code, String sector) {
        as(base, COORDINATOR).body(Map.of("code", code, "name", "PBT " + code, "sector", sector, "website", "https://example.org"))
                .post("/api/institutions").then().statusCode(201);
    }

    private Response updateInstitution(String code, String sector, boolean active) {
        int etag = anonymous(base).get("/api/institutions/" + code).then().extract().path("version");
        return as(base, COORDINATOR).header("If-Match", "\"" + etag + "\"")
                .body(Map.of("name", "PBT " + code, "sector", sector, "website", "https://example.org", "active", active))
                .put("/api/institutions/" + code);
    }

    private void publishProgramme(String code, String p) {
        int etag = as(base, admin(code)).get("/api/programmes/" + p).then().extract().path("version");
        as(base, admin(code)).header("If-Match", "\"" + etag + "\"").post("/api/programmes/" + p + "/publish").then().statusCode(200);
    }

    private static Map<String, Object> programmeBody(boolean experimental) {
        Map<String, Object> p = new HashMap<>();
        String title = "PBT programme " + UUID.randomUUID().toString().substring(0, 6);
        p.put("courseCode", "PBT-" + UUID.randomUUID().toString().substring(0, 6));
        p.put("title", Map.of("en", title, "nl", title + " (NL)"));
        p.put("description", Map.of("en", "A programme for the property-based tests."));
        p.put("learningOutcomes", List.of("Explain the principles", "Apply them in practice"));
        p.put("ects", experimental ? 2 : 5);
        p.put("nlqfLevel", "6");
        p.put("eqfLevel", 6);
        p.put("participation", List.of("ONLINE"));
        p.put("assessmentType", "WRITTEN_EXAM");
        p.put("languages", List.of("en"));
        p.put("iscedField", "0613");
        p.put("microcredentialSince", experimental ? "2025-09-01" : "2024-01-01");
        if (experimental) p.put("experimental", true);
        p.put("edubadgeBadgeClassUrl", "https://edubadges.example/public/badgeclass/pbt-" + UUID.randomUUID());
        return p;
    }

    private static Map<String, Object> requestBody(String programme, LocalDate awardedOn, Integer version, String courseCode) {
        Map<String, Object> r = new HashMap<>();
        r.put("learner", Map.of("name", "PBT Learner", "studentNumber", "s" + (1000000 + new Random().nextInt(8999999))));
        r.put("programme", programme);
        if (version != null) r.put("programmeVersion", version);
        r.put("awardedOn", awardedOn.toString());
        r.put("targetCourse", Map.of("code", courseCode, "title", "A course", "ects", 6));
        r.put("targetProgramme", "BSc Something");
        r.put("motivation", "Covered by the micro-credential.");
        return r;
    }

    private String issuerOf(String programme) throws SQLException {
        return string("SELECT i.code FROM programme p JOIN institution i ON i.id = p.institution_id WHERE p.id = ?", programme);
    }

    private String programmeStatus(String programme) throws SQLException {
        return string("SELECT status FROM programme WHERE id = ?", programme);
    }

    private String ruleFindings(String programme) throws SQLException {
        return string("SELECT rule_findings FROM programme WHERE id = ?", programme);
    }

    private boolean latestPublishedExperimental(String programme) throws SQLException {
        return Boolean.parseBoolean(string("SELECT CAST(coalesce(experimental, false) AS varchar) FROM programme_version WHERE programme_id = ?"
                + " AND published_at IS NOT NULL ORDER BY number DESC LIMIT 1", programme));
    }

    private String sector(String code) throws SQLException {
        return string("SELECT sector FROM institution WHERE code = ?", code);
    }

    private boolean active(String code) throws SQLException {
        return Boolean.parseBoolean(string("SELECT CAST(active AS varchar) FROM institution WHERE code = ?", code));
    }

    private int publishedVersions(String programme) throws SQLException {
        return (int) count("SELECT count(*) FROM programme_version WHERE programme_id = ? AND published_at IS NOT NULL", programme);
    }

    private String otherBoard(String code, String board) throws SQLException {
        try (var s = db.prepareStatement("SELECT b.id FROM board b JOIN institution i ON i.id = b.institution_id WHERE i.code = ? AND b.id <> ? ORDER BY b.id LIMIT 1")) {
            s.setString(1, code);
            s.setString(2, board);
            var rs = s.executeQuery();
            rs.next();
            return rs.getString(1);
        }
    }

    private int boardTerm(String board) throws SQLException {
        return (int) count("SELECT decision_term_days FROM board WHERE id = ?", board);
    }

    private String string(String sql, String parameter) throws SQLException {
        try (var s = db.prepareStatement(sql)) {
            s.setString(1, parameter);
            var rs = s.executeQuery();
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private long count(String sql, String parameter) throws SQLException {
        try (var s = db.prepareStatement(sql)) {
            s.setString(1, parameter);
            var rs = s.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }
}
