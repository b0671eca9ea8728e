package nl.microcredentials.registry.it;

import static nl.microcredentials.registry.it.Api.anonymous;
import static nl.microcredentials.registry.it.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.microcredentials.registry.it.probe.RollbackProbe;
import nl.microcredentials.registry.notifications.boundary.TestMailcap;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Notifications end to end: the registry (Payara Micro, PostgreSQL) sends its e-mail to a real SMTP server in this test
 * (GreenMail on {@code test.smtp.port}, the port REGISTRY_MAIL_PORT names for every integration suite), and the messages
 * are read back from it. The other suites run without this server: their sends fail and are retried, and must never fail
 * anything.
 */
@ExtendWith(ArquillianExtension.class)
class NotificationsIT {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    static final LocalDate TODAY = LocalDate.now(ZONE);
    static final String DELFT_ADMIN = "admin@tudelft.invalid";
    static final String EEMCS_MEMBER = "s.bakker@tudelft.invalid";
    static final String EEMCS_MAILBOX = "boe-eemcs@tudelft.invalid";
    static GreenMail smtp;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.registry().addClass(RollbackProbe.class);
    }

    @ArquillianResource
    URL base;

    @BeforeAll
    static void startSmtp() {
        TestMailcap.install();
        smtp = smtpServer();
    }

    static GreenMail smtpServer() {
        GreenMail server = new GreenMail(new ServerSetup(Integer.parseInt(System.getProperty("test.smtp.port", "42525")), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    @AfterAll
    static void stopSmtp() {
        if (smtp != null) smtp.stop();
    }

    // ---- helpers -------------------------------------------------------------------------------------

    record Mail(String to, String subject, String text, String html, MimeMessage message) { }

    static List<Mail> received() throws Exception {
        List<Mail> mails = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            MimeMultipart parts = (MimeMultipart) m.getContent();
            mails.add(new Mail(m.getRecipients(Message.RecipientType.TO)[0].toString(), m.getSubject(), (String) parts.getBodyPart(0).getContent(),
                    (String) parts.getBodyPart(1).getContent(), m));
        }
        return mails;
    }

    static List<Mail> await(Predicate<Mail> which, int count) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        List<Mail> found = List.of();
        while (Instant.now().isBefore(deadline)) {
            found = received().stream().filter(which).toList();
            if (found.size() >= count) return found;
            Thread.sleep(250);
        }
        throw new AssertionError("expected " + count + " mail(s), received " + found.size() + " of " + received().stream().map(m -> m.to() + ": " + m.subject()).toList());
    }

    /**
     * What is received once the dispatcher has nothing left to do: no event waits to be expanded and no message waits
     * for its first attempt (the database says so; a message is marked sent only after the SMTP server took it).
     */
    static List<Mail> settled(Predicate<Mail> which) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        Thread.sleep(300);
        while (rows("select count(*) from notification_event") + rows("select count(*) from notification where status = 'PENDING' and attempts = 0") > 0) {
            assertThat(Instant.now()).as("the dispatcher settles").isBefore(deadline);
            Thread.sleep(200);
        }
        return received().stream().filter(which).toList();
    }

    static Predicate<Mail> to(String address, String subjectPart) {
        return m -> m.to().equalsIgnoreCase(address) && m.subject().contains(subjectPart);
    }

    private String leidenProgramme() {
        return anonymous(base).queryParam("institution", "universiteit-leiden").queryParam("pageSize", 1).get("/api/programmes")
                .then().statusCode(200).extract().path("items[0].id");
    }

    private Map<String, Object> requestBody(String course, String learner) {
        return Map.of("learner", Map.of("name", learner, "email", learner.replace(' ', '.') + "@student.invalid", "studentNumber", "s" + Math.abs(learner.hashCode())),
                "programme", leidenProgramme(), "awardedOn", TODAY.minusMonths(1).toString(),
                "targetCourse", Map.of("code", course, "title", "Course " + course, "ects", 5),
                "motivation", "Motivation of " + learner);
    }

    private Map<String, Object> record(String adminToken, String course, String learner) {
        return as(base, adminToken).body(requestBody(course, learner)).post("/api/exemption-requests").then().statusCode(201).extract().jsonPath().getMap("");
    }

    private io.restassured.response.Response act(String token, String id, String transition, Object body) {
        int version = as(base, token).get("/api/exemption-requests/" + id).then().statusCode(200).extract().path("version");
        var spec = as(base, token).header("If-Match", "\"" + version + "\"");
        if (body != null) spec = spec.body(body);
        return spec.post("/api/exemption-requests/" + id + "/" + transition);
    }

    private static long rows(String sql, Object... params) throws Exception {
        try (Connection db = DriverManager.getConnection(System.getProperty("test.db.url"), System.getProperty("test.db.user"), System.getProperty("test.db.password"));
             var s = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) s.setObject(i + 1, params[i]);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Dates as the mails write them. */
    static String nl(LocalDate d) {
        return d.format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.forLanguageTag("nl")));
    }

    static String en(LocalDate d) {
        return d.format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.ENGLISH));
    }

    static void assertNoLearnerData(Mail mail, String learner) {
        String all = mail.subject() + mail.text() + mail.html();
        assertThat(all).doesNotContain(learner, learner.replace(' ', '.') + "@student.invalid", "s" + Math.abs(learner.hashCode()), "Motivation of");
    }

    // ---- the tests -----------------------------------------------------------------------------------

    /**
     * A request recorded by the receiving institution reaches the routed board's mailbox (in Dutch and English) and its
     * member (in the member's language), with no learner data; the member follows the link, signs in and is on the request.
     */
    @Test
    void aBoardMemberReceivesTheNewRequestAndFollowsItsLinkToTheRequest() throws Exception {
        String admin = Api.login(base, "admin.tudelft");
        Map<String, Object> r = record(admin, "CSE3101", "Lotte Learner");
        String reference = (String) r.get("reference");

        Mail member = await(to(EEMCS_MEMBER, reference), 1).get(0);
        Mail mailbox = await(to(EEMCS_MAILBOX, reference), 1).get(0);
        assertThat(member.subject()).startsWith("Nieuw vrijstellingsverzoek " + reference + " voor Board of Examiners EEMCS");
        assertThat(member.text()).contains("Kenmerk: " + reference, "Onderwijseenheid: CSE3101 Course CSE3101 (5 EC)", "/admin/notifications/preferences.xhtml");
        assertThat(mailbox.subject()).contains(" | New exemption request " + reference);
        assertThat(mailbox.text()).contains("----- English -----", "Decision due:");
        assertThat(member.message().getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(member.message().getFrom()[0].toString()).contains("registry@registry.test.invalid");
        assertNoLearnerData(member, "Lotte Learner");
        assertNoLearnerData(mailbox, "Lotte Learner");
        // the institution's admin and other boards hear nothing of it
        assertThat(settled(m -> m.subject().contains(reference))).extracting(Mail::to).containsExactlyInAnyOrder(EEMCS_MEMBER, EEMCS_MAILBOX);

        Matcher link = Pattern.compile("(http\\S+/admin/exemptions/view\\.xhtml\\?id=\\S+)").matcher(member.text());
        assertThat(link.find()).isTrue();
        assertThat(link.group(1)).startsWith(base.toString().replaceAll("/$", "")).endsWith("id=" + r.get("id"));
        assertThat(member.html()).contains("href=\"" + link.group(1) + "\"");

        WebDriver browser = Browser.start();
        try {
            browser.get(link.group(1));
            var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login:username"))).sendKeys("board.tudelft");
            browser.findElement(By.id("login:password")).sendKeys("demo");
            browser.findElement(By.id("login:submit")).click();
            wait.until(ExpectedConditions.urlContains("/admin/exemptions/view.xhtml"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), reference));
            assertThat(browser.getCurrentUrl()).contains("id=" + r.get("id"));
        } finally {
            browser.quit();
        }
    }

    /**
     * The outbox: a decision whose transaction rolls back queues nothing and sends nothing; the same decision committed
     * is sent once, to the receiving institution's admin.
     */
    @Test
    void aRolledBackChangeSendsNothingAndTheCommittedOneIsSentOnce() throws Exception {
        String admin = Api.login(base, "admin.tudelft");
        String member = Api.login(base, "board.tudelft");
        Map<String, Object> r = record(admin, "CSE3102", "Ruben Rollback");
        String id = (String) r.get("id");
        String reference = (String) r.get("reference");
        await(to(EEMCS_MEMBER, reference), 1);
        act(member, id, "review", null).then().statusCode(200);

        as(base, member).post("/api/test-probe/decide-and-roll-back/" + id).then().statusCode(204);
        as(base, member).get("/api/exemption-requests/" + id).then().statusCode(200).body("status", equalTo("IN_REVIEW"));
        assertThat(settled(m -> m.subject().contains("Besluit op vrijstellingsverzoek " + reference))).isEmpty();
        assertThat(rows("select count(*) from notification where subject_id = ? and kind = 'REQUEST_DECIDED'", id)).isZero();
        assertThat(rows("select count(*) from notification_event where subject_id = ?", id)).isZero();

        act(member, id, "decision", Map.of("outcome", "GRANTED", "motivation", "Covers the learning outcomes")).then().statusCode(200);
        Mail decided = await(to(DELFT_ADMIN, reference), 1).get(0);
        assertThat(decided.subject()).isEqualTo("Besluit op vrijstellingsverzoek " + reference + ": toegekend");
        assertThat(decided.text()).contains("Beroepstermijn tot: " + nl(TODAY.plusWeeks(6))).doesNotContain("Covers the learning outcomes");
        assertNoLearnerData(decided, "Ruben Rollback");
        assertThat(settled(to(DELFT_ADMIN, reference))).hasSize(1);
    }

    /**
     * The daily digest of a board lists exactly its open requests whose decision is overdue or due within 7 days: not
     * those due later, not decided ones, not those waiting for information (their term stands still). One per board and
     * day, however often the day's digests are written.
     */
    @Test
    void theDailyDigestListsExactlyTheRequestsDueWithinSevenDaysAndOverdue() throws Exception {
        String coordinator = Api.login(base, "coordinator");
        String admin = Api.login(base, "admin.tudelft");
        String prefix = "DG" + (char) ('A' + (int) (Math.random() * 26)) + (char) ('A' + (int) (Math.random() * 26));
        String mailbox = "boe-" + prefix.toLowerCase() + "@tudelft.invalid";
        String board = as(base, admin).body(Map.of("name", "Digest board " + prefix, "email", mailbox, "decisionTermDays", 3,
                        "courseCodePrefixes", List.of(prefix), "isDefault", false))
                .post("/api/institutions/tu-delft/boards").then().statusCode(201).extract().path("id");
        String member = TestTokens.boardMember("tu-delft", board);

        String dueIn3 = (String) record(admin, prefix + "1", "Digest One").get("reference");
        Map<String, Object> decided = record(admin, prefix + "4", "Digest Four");
        Map<String, Object> waiting = record(admin, prefix + "5", "Digest Five");
        term(admin, board, 10);
        String dueIn10 = (String) record(admin, prefix + "2", "Digest Two").get("reference");
        term(admin, board, 60);
        String dueIn60 = (String) record(admin, prefix + "3", "Digest Three").get("reference");
        act(member, (String) decided.get("id"), "review", null).then().statusCode(200);
        act(member, (String) decided.get("id"), "decision", Map.of("outcome", "REJECTED", "motivation", "Not comparable")).then().statusCode(200);
        act(member, (String) waiting.get("id"), "review", null).then().statusCode(200);
        act(member, (String) waiting.get("id"), "request-information", Map.of("message", "Please send the rubric")).then().statusCode(200);

        // as of today + 5: the one due in 3 days is 2 days overdue, the one due in 10 days is due in 5
        LocalDate day = TODAY.plusDays(5);
        as(base, coordinator).queryParam("day", day.toString()).post("/api/notifications/digests").then().statusCode(200).body("day", equalTo(day.toString()));
        Mail digest = await(m -> m.to().equals(mailbox) && m.subject().startsWith("Digest board " + prefix + ":"), 1).get(0);
        assertThat(digest.subject()).startsWith("Digest board " + prefix + ": 1 te laat, 1 binnen 7 dagen");
        assertThat(references(digest.text(), prefix)).containsExactly(dueIn3, dueIn10);
        assertThat(digest.text()).contains(dueIn3 + " - " + prefix + "1 Course " + prefix + "1 - beslissen uiterlijk " + nl(TODAY.plusDays(3)) + " (2 dag(en) te laat)",
                dueIn10 + " - " + prefix + "2 Course " + prefix + "2 - decision due " + en(TODAY.plusDays(10)) + " (due in 5 day(s))");
        assertNoLearnerData(digest, "Digest One");

        // as of today: only the one due in 3 days (10 > 7); and asking again for the same day writes nothing twice
        as(base, coordinator).queryParam("day", TODAY.toString()).post("/api/notifications/digests").then().statusCode(200);
        as(base, coordinator).queryParam("day", TODAY.toString()).post("/api/notifications/digests").then().statusCode(200);
        List<Mail> digests = settled(m -> m.to().equals(mailbox) && m.subject().startsWith("Digest board " + prefix + ":"));
        assertThat(digests).hasSize(2);
        Mail today = digests.stream().filter(m -> m.subject().contains("0 te laat, 1 binnen 7 dagen")).findFirst().orElseThrow();
        assertThat(references(today.text(), prefix)).containsExactly(dueIn3);
        assertThat(today.text()).doesNotContain(dueIn60);

        // the digest endpoint: coordinators only, a sensible day
        as(base, admin).post("/api/notifications/digests").then().statusCode(403);
        as(base, coordinator).queryParam("day", "tomorrow").post("/api/notifications/digests").then().statusCode(400).body("errors[0].field", equalTo("day"));
        as(base, coordinator).queryParam("day", TODAY.plusYears(3).toString()).post("/api/notifications/digests").then().statusCode(400);
    }

    /** The references listed in the Dutch part of a digest (the English part repeats them). */
    private static List<String> references(String text, String prefix) {
        String dutch = text.contains("----- English -----") ? text.substring(0, text.indexOf("----- English -----")) : text;
        List<String> refs = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^- (\\S+) - " + prefix).matcher(dutch);
        while (m.find()) refs.add(m.group(1));
        return refs;
    }

    private void term(String admin, String board, int days) {
        var current = as(base, admin).get("/api/boards/" + board).then().statusCode(200).extract();
        as(base, admin).header("If-Match", current.header("ETag")).body(Map.of("name", current.path("name"), "email", current.path("email"),
                "decisionTermDays", days, "courseCodePrefixes", current.path("courseCodePrefixes"), "isDefault", false))
                .put("/api/boards/" + board).then().statusCode(200);
    }

    /**
     * Preferences: a member who wants new requests in the daily summary gets none at once (the board's mailbox still does)
     * and one English summary when the day's digests are written; one who turned them off gets nothing. Bad choices are
     * 400s naming the field, a stale If-Match a 412, a caller without an account a 404.
     */
    @Test
    void eachAccountChoosesWhatItReceivesHowAndInWhichLanguage() throws Exception {
        String member = Api.login(base, "board.tudelft");
        String admin = Api.login(base, "admin.tudelft");
        var prefs = as(base, member).get("/api/me/notification-preferences").then().statusCode(200)
                .body("email", equalTo(EEMCS_MEMBER)).body("role", equalTo("board-member"))
                .body("kinds.kind", org.hamcrest.Matchers.contains("REQUEST_RECEIVED", "INFORMATION_RECEIVED", "DECISIONS_DUE"))
                .extract();
        String etag = prefs.header("ETag");
        try {
            String next = as(base, member).header("If-Match", etag).body(Map.of("language", "en", "kinds", Map.of("REQUEST_RECEIVED", "DAILY")))
                    .put("/api/me/notification-preferences").then().statusCode(200).body("language", equalTo("en"))
                    .body("kinds.find { it.kind == 'REQUEST_RECEIVED' }.delivery", equalTo("DAILY")).extract().header("ETag");
            as(base, member).header("If-Match", etag).body(Map.of("language", "nl")).put("/api/me/notification-preferences").then().statusCode(412);

            String reference = (String) record(admin, "CSE3103", "Harriet Held").get("reference");
            await(to(EEMCS_MAILBOX, reference), 1);
            assertThat(settled(to(EEMCS_MEMBER, reference))).isEmpty();
            as(base, member).queryParam("status", "HELD").get("/api/notifications").then().statusCode(200)
                    .body("items.subject", hasItem("New exemption request " + reference + " for Board of Examiners EEMCS"));

            as(base, Api.login(base, "coordinator")).queryParam("day", TODAY.toString()).post("/api/notifications/digests").then().statusCode(200);
            Mail summary = await(m -> m.to().equals(EEMCS_MEMBER) && m.subject().startsWith("Microcredential Registry:") && m.text().contains(reference), 1).get(0);
            assertThat(summary.subject()).contains("notification(s) of " + en(TODAY));
            assertThat(summary.text()).contains("New exemption request " + reference, "/admin/exemptions/view.xhtml?id=");
            as(base, member).queryParam("status", "HELD").get("/api/notifications").then().statusCode(200)
                    .body("items.subject", org.hamcrest.Matchers.not(hasItem("New exemption request " + reference + " for Board of Examiners EEMCS")));

            as(base, member).header("If-Match", next).body(Map.of("kinds", Map.of("REQUEST_RECEIVED", "OFF"))).put("/api/me/notification-preferences")
                    .then().statusCode(200);
            String off = (String) record(admin, "CSE3104", "Olivia Off").get("reference");
            await(to(EEMCS_MAILBOX, off), 1);
            assertThat(settled(m -> m.to().equals(EEMCS_MEMBER) && m.text().contains(off))).isEmpty();

            // bad choices: each names its field, and nothing changes
            as(base, member).body(Map.of("kinds", Map.of("NO_SUCH_KIND", "DAILY"))).put("/api/me/notification-preferences").then().statusCode(400)
                    .body("errors[0].field", equalTo("kinds.NO_SUCH_KIND"));
            as(base, member).body(Map.of("kinds", Map.of("REQUEST_DECIDED", "DAILY"))).put("/api/me/notification-preferences").then().statusCode(400)
                    .body("errors[0].field", equalTo("kinds.REQUEST_DECIDED"));
            as(base, member).body(Map.of("kinds", Map.of("DECISIONS_DUE", "IMMEDIATE"))).put("/api/me/notification-preferences").then().statusCode(400)
                    .body("errors[0].field", equalTo("kinds.DECISIONS_DUE"));
            as(base, member).body(Map.of("kinds", Map.of("REQUEST_RECEIVED", "SOMETIMES"))).put("/api/me/notification-preferences").then().statusCode(400)
                    .body("errors[0].field", equalTo("kinds.REQUEST_RECEIVED"));
            as(base, member).body(Map.of("language", "de")).put("/api/me/notification-preferences").then().statusCode(400)
                    .body("errors[0].field", equalTo("language"));
            as(base, member).body("{\"kinds\": [1]}").put("/api/me/notification-preferences").then().statusCode(400);
            as(base, member).body("").put("/api/me/notification-preferences").then().statusCode(400);
            as(base, member).get("/api/me/notification-preferences").then().statusCode(200).body("language", equalTo("en"))
                    .body("kinds.find { it.kind == 'REQUEST_RECEIVED' }.delivery", equalTo("OFF"));
            // a token of the consortium's identity provider names no account of the registry
            as(base, TestTokens.institutionAdmin("tu-delft")).get("/api/me/notification-preferences").then().statusCode(404);
            anonymous(base).get("/api/me/notification-preferences").then().statusCode(401);
        } finally {
            String current = as(base, member).get("/api/me/notification-preferences").then().extract().header("ETag");
            as(base, member).header("If-Match", current).body(Map.of("language", "nl", "kinds", Map.of("REQUEST_RECEIVED", "IMMEDIATE")))
                    .put("/api/me/notification-preferences").then().statusCode(200);
        }
    }

    /**
     * An agreement proposed goes to the admins of the parties that have not approved its terms; once every party approved,
     * each party's admin hears that it is in force.
     */
    @Test
    void agreementPartiesAreAskedToApproveAndToldWhenItIsInForce() throws Exception {
        String delft = Api.login(base, "admin.tudelft");
        String hu = Api.login(base, "admin.hu");
        String title = "Notified agreement " + System.nanoTime();
        var created = as(base, delft).body(Map.of("title", title, "kind", "BILATERAL", "parties", List.of("tu-delft", "hogeschool-utrecht"),
                        "scope", Map.of("issuers", List.of("tu-delft"), "minNlqfLevel", "5", "maxNlqfLevel", "7", "minEcts", 3, "maxEcts", 30),
                        "effect", "ELECTIVE_CREDITS", "terms", "Notified terms", "validFrom", "2026-01-01", "validUntil", "2030-12-31"))
                .post("/api/agreements").then().statusCode(201).extract();
        String id = created.path("id");
        assertThat(settled(m -> m.subject().contains(title))).as("a draft is nobody's business yet").isEmpty();
        var proposed = as(base, delft).header("If-Match", created.header("ETag")).post("/api/agreements/" + id + "/propose").then().statusCode(200).extract();
        String hash = proposed.path("termsHash");
        Mail ask = await(to("admin@hu.invalid", title), 1).get(0);
        assertThat(ask.subject()).isEqualTo("Overeenkomst wacht op goedkeuring van Hogeschool Utrecht: " + title);
        assertThat(ask.text()).contains("Hash van de voorwaarden: " + hash, "/admin/agreements/view.xhtml?id=" + id);
        await(to(DELFT_ADMIN, title), 1);

        as(base, delft).body(Map.of("termsHash", hash)).post("/api/agreements/" + id + "/approvals").then().statusCode(200);
        as(base, hu).body(Map.of("termsHash", hash)).post("/api/agreements/" + id + "/approvals").then().statusCode(200).body("status", equalTo("ACTIVE"));
        await(m -> m.subject().equals("Overeenkomst van kracht: " + title), 2);
        assertThat(settled(m -> m.subject().equals("Overeenkomst van kracht: " + title))).extracting(Mail::to)
                .containsExactlyInAnyOrder(DELFT_ADMIN, "admin@hu.invalid");
        assertThat(settled(m -> m.subject().contains(title) && m.to().equals("admin@leiden.invalid"))).isEmpty();
    }

    /**
     * When the mail server is down the change still succeeds; the message is tried again with backoff and, given up,
     * marked FAILED in the log, from where the institution's admin sends it again once the server is back. The log shows
     * each person what is theirs only.
     */
    @Test
    void aSendFailureNeverFailsTheChangeAndAFailedMessageCanBeSentAgain() throws Exception {
        String admin = Api.login(base, "admin.tudelft");
        smtp.stop();
        String id;
        String reference;
        try {
            Map<String, Object> r = record(admin, "CSE3105", "Fiona Failure");
            id = (String) r.get("id");
            reference = (String) r.get("reference");
            // REGISTRY_MAIL_MAX_ATTEMPTS=4, REGISTRY_MAIL_RETRY_BASE_SECONDS=1 (pom.xml): 1 + 2 + 4 s of backoff
            Instant deadline = Instant.now().plusSeconds(40);
            while (rows("select count(*) from notification where subject_id = ? and recipient = ? and status = 'FAILED'", id, EEMCS_MAILBOX) == 0) {
                assertThat(Instant.now()).as("the message to the mailbox is given up").isBefore(deadline);
                Thread.sleep(500);
            }
        } finally {
            smtp = smtpServer();
        }
        var failed = as(base, admin).queryParam("status", "FAILED").queryParam("kind", "REQUEST_RECEIVED").queryParam("pageSize", 250)
                .get("/api/notifications").then().statusCode(200).extract().jsonPath();
        int index = failed.getList("items.recipient").indexOf(EEMCS_MAILBOX);
        List<String> subjects = failed.getList("items.subjectId");
        assertThat(subjects).contains(id);
        String notification = null;
        for (int i = 0; i < subjects.size(); i++) {
            if (subjects.get(i).equals(id) && EEMCS_MAILBOX.equals(failed.getList("items.recipient").get(i))) notification = failed.getString("items[" + i + "].id");
        }
        assertThat(index).isNotNegative();
        var one = as(base, admin).get("/api/notifications/" + notification).then().statusCode(200)
                .body("status", equalTo("FAILED")).body("attempts", equalTo(4)).body("lastError", org.hamcrest.Matchers.containsString("Connect"))
                .body("text", org.hamcrest.Matchers.containsString(reference)).extract();
        // another institution's admin does not see it; a board member only their own and their board's
        as(base, Api.login(base, "admin.leiden")).get("/api/notifications/" + notification).then().statusCode(404);
        as(base, Api.login(base, "board.leiden")).get("/api/notifications/" + notification).then().statusCode(404);
        as(base, Api.login(base, "board.tudelft")).get("/api/notifications/" + notification).then().statusCode(200);
        as(base, Api.login(base, "board.tudelft")).post("/api/notifications/" + notification + "/retry").then().statusCode(403);

        // the admin's dashboard warns of it, and its link lists what failed
        WebDriver browser = Browser.start();
        try {
            var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(base.toString().replaceAll("/$", "") + "/admin/index.xhtml");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login:username"))).sendKeys("admin.tudelft");
            browser.findElement(By.id("login:password")).sendKeys("demo");
            browser.findElement(By.id("login:submit")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("failedNotifications")));
            browser.findElement(By.cssSelector("#failedNotifications a")).click();
            wait.until(ExpectedConditions.urlContains("/admin/notifications/index.xhtml?status=FAILED"));
            assertThat(browser.findElement(By.id("log:table")).getText()).contains(reference).doesNotContain("Sent", "Verstuurd");
        } finally {
            browser.quit();
        }

        as(base, admin).header("If-Match", "\"999\"").post("/api/notifications/" + notification + "/retry").then().statusCode(412);
        as(base, admin).header("If-Match", one.header("ETag")).post("/api/notifications/" + notification + "/retry").then().statusCode(200)
                .body("status", equalTo("PENDING"));
        await(to(EEMCS_MAILBOX, reference), 1);
        as(base, admin).get("/api/notifications/" + notification).then().statusCode(200).body("status", equalTo("SENT"));
        as(base, admin).post("/api/notifications/" + notification + "/retry").then().statusCode(409).body("errors[0].field", equalTo("status"));
        as(base, admin).queryParam("status", "SOMETIMES").get("/api/notifications").then().statusCode(400).body("errors[0].field", equalTo("status"));
        as(base, admin).queryParam("kind", "NOPE").get("/api/notifications").then().statusCode(400).body("errors[0].field", equalTo("kind"));
        anonymous(base).get("/api/notifications").then().statusCode(401);
    }

    /** The admin pages: a member chooses English and the daily summary for new requests, and reads the log of their board. */
    @Test
    void aMemberChoosesOnThePreferencesPageAndReadsTheLog() throws Exception {
        String token = Api.login(base, "board.leiden");
        WebDriver browser = Browser.start();
        try {
            var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(base.toString().replaceAll("/$", "") + "/admin/notifications/preferences.xhtml");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login:username"))).sendKeys("board.leiden");
            browser.findElement(By.id("login:password")).sendKeys("demo");
            browser.findElement(By.id("login:submit")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("prefs:kinds")));
            assertThat(browser.findElement(By.id("email")).getText()).isEqualTo("j.visser@leiden.invalid");
            browser.findElement(By.cssSelector("label[for='prefs:language:1']")).click();
            browser.findElement(By.cssSelector("label[for='prefs:kinds:0:delivery:1']")).click();
            browser.findElement(By.id("prefs:save")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "saved"));
            as(base, token).get("/api/me/notification-preferences").then().statusCode(200).body("language", equalTo("en"))
                    .body("kinds.find { it.kind == 'REQUEST_RECEIVED' }.delivery", equalTo("DAILY"));

            browser.get(base.toString().replaceAll("/$", "") + "/admin/notifications/index.xhtml");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("log:table")));
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Notifications");
        } finally {
            browser.quit();
            String current = as(base, token).get("/api/me/notification-preferences").then().extract().header("ETag");
            as(base, token).header("If-Match", current).body(Map.of("language", "nl", "kinds", Map.of("REQUEST_RECEIVED", "IMMEDIATE")))
                    .put("/api/me/notification-preferences").then().statusCode(200);
        }
    }

    /**
     * What goes wrong in the background reaches the institution's admins: a failed OOAPI import (its endpoint answers
     * 500) and a published programme whose edubadges badge class disagrees with it (once per finding: a re-check that
     * finds the same says nothing new).
     */
    @Test
    void aFailedImportAndABadgeClassMismatchGoToTheInstitutionsAdmins() throws Exception {
        var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            int status = 500;
            String body = "{\"error\":\"down for maintenance\"}";
            if (path.startsWith("/public/badges/")) {
                status = 200;
                body = "{\"@context\":\"https://w3id.org/openbadges/v2\",\"type\":\"BadgeClass\",\"name\":\"Stand-in\","
                        + "\"extensions:ECTSExtension\":{\"type\":[\"Extension\",\"extensions:ECTSExtension\"],\"ECTS\":4},"
                        + "\"extensions:EQFExtension\":{\"EQF\":6},\"extensions:LanguageExtension\":{\"Language\":\"en_EN\"},\"participation\":\"online\"}";
            }
            byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        String stand = "http://127.0.0.1:" + server.getAddress().getPort();
        String admin = TestTokens.institutionAdmin("tu-delft");
        try {
            as(base, admin).body(Map.of("baseUrl", stand + "/ooapi/v5")).put("/api/institutions/tu-delft/ooapi-source").then().statusCode(200);
            String sync = as(base, admin).post("/api/institutions/tu-delft/ooapi-source/sync").then().statusCode(202).extract().path("id");
            Mail failed = await(m -> m.to().equals(DELFT_ADMIN) && m.subject().startsWith("Import van onderwijsaanbod mislukt"), 1).get(0);
            assertThat(failed.subject()).isEqualTo("Import van onderwijsaanbod mislukt voor Technische Universiteit Delft");
            assertThat(failed.text()).contains("/admin/ooapi/sync.xhtml?code=tu-delft&id=" + sync, "Fout: ");

            String title = "Notified badge class " + System.nanoTime();
            Map<String, Object> programme = new java.util.HashMap<>(Map.of("courseCode", "NTF-" + (System.nanoTime() % 100000),
                    "title", Map.of("en", title, "nl", title + " (NL)"), "description", Map.of("en", "A programme about notifications."),
                    "learningOutcomes", List.of("Explain notifications", "Apply them"), "ects", 5, "nlqfLevel", "6", "eqfLevel", 6,
                    "participation", List.of("ONLINE"), "assessmentType", "WRITTEN_EXAM", "languages", List.of("en")));
            programme.put("iscedField", "0613");
            programme.put("microcredentialSince", "2025-09-01");
            programme.put("edubadgeBadgeClassUrl", stand + "/public/badges/notified");
            var created = as(base, admin).body(programme).post("/api/programmes").then().statusCode(201).extract();
            String id = created.path("id");
            as(base, admin).header("If-Match", created.header("ETag")).post("/api/programmes/" + id + "/publish").then().statusCode(200);
            Mail mismatch = await(m -> m.to().equals(DELFT_ADMIN) && m.subject().contains(title), 1).get(0);
            assertThat(mismatch.subject()).isEqualTo("Badge class wijkt af van programma " + title + " (NL)");
            assertThat(mismatch.text()).contains("ects: geregistreerd \"5\", badge class \"4\"", "/admin/programmes/view.xhtml?id=" + id);
            // checked again: the same finding is not told twice
            as(base, admin).post("/api/programmes/" + id + "/badge-class-check").then().statusCode(202);
            assertThat(settled(m -> m.subject().contains(title))).hasSize(1);
        } finally {
            server.stop(0);
            as(base, admin).delete("/api/institutions/tu-delft/ooapi-source");
        }
    }
}
