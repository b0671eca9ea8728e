package nl.microcredentials.registry.it;

import static nl.microcredentials.registry.it.Api.anonymous;
import static nl.microcredentials.registry.it.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One registry on two Payara Micro instances (A and B) in one data grid (Hazelcast, {@code --clustermode tcpip}) over one
 * PostgreSQL schema (issue 16; API.md, "Running several instances"). Not Arquillian: like {@link QuickStartIT} it starts
 * the packaged WAR itself, twice, at the same moment, on an empty schema of its own, with the registry's own generated
 * token keys (the test identity provider's configuration is taken out of the environment). The last tests kill A.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(ClusterIT.LogsOnFailure.class)
class ClusterIT {

    /** The build directory (the WAR's), so that an isolated build (-Dregistry.build.dir) keeps everything there too. */
    private static final Path BUILD = Path.of(System.getProperty("registry.war", "target/ROOT.war")).toAbsolutePath().getParent();
    /** The project (domain.xml's folder): the migrations and the shipped JVM options are read from there. */
    private static final Path PROJECT = Path.of(System.getProperty("registry.domainConfig", "domain.xml")).toAbsolutePath().getParent();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** This run's names: its schema, its cluster, and a word no demo programme has (letters only: found by LIKE and full text). */
    private static final String RUN = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 45), 36);
    private static final String SCHEMA = "cluster_" + RUN;
    private static final String WORD = "Clu" + RUN.replaceAll("[0-9]", "q").toLowerCase();
    private static final String OTHER_WORD = "Fov" + new StringBuilder(RUN).reverse().toString().replaceAll("[0-9]", "z").toLowerCase();

    private static final String ADMIN = "admin.tudelft";
    private static final String ADMIN_NAME = "Pieter Jansen (TU Delft)";

    private static Instance a;
    private static Instance b;
    private static String tokenA;
    private static String tokenB;

    // ---- set-up -----------------------------------------------------------------------------------------

    @BeforeAll
    static void startTwoInstancesTogether() throws Exception {
        try (Connection db = database(); var statement = db.createStatement()) {
            statement.execute("CREATE SCHEMA " + SCHEMA);
        }
        int[] ports = freePorts(4);
        Path root = BUILD.resolve("cluster-it");
        deleteRecursively(root);
        a = new Instance("A", ports[0], ports[2], root.resolve("A"));
        b = new Instance("B", ports[1], ports[3], root.resolve("B"));
        String members = "tcpip:127.0.0.1:" + a.hzPort + ",127.0.0.1:" + b.hzPort;
        String clusterName = "registry-it-" + RUN;
        ProcessBuilder builderA = a.builder(clusterName, members);
        ProcessBuilder builderB = b.builder(clusterName, members);
        Runtime.getRuntime().addShutdownHook(new Thread(ClusterIT::killBoth));
        // the same moment: one empty database, two deployments racing for its migrations and its demo data
        a.process = builderA.start();
        b.process = builderB.start();
        long started = System.nanoTime();
        System.out.println("ClusterIT: schema " + SCHEMA + ", cluster " + clusterName + ", A http " + a.httpPort + " hz " + a.hzPort
                + ", B http " + b.httpPort + " hz " + b.hzPort + "; logs " + a.log + ", " + b.log);
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos(); // two start-ups on 2 shared cores: 50 s idle, 190 s seen under load
            waitUntilReady(a, deadline);
            waitUntilReady(b, deadline);
            System.out.println("ClusterIT: both ready after " + (System.nanoTime() - started) / 1_000_000 + " ms");
            // one data grid of two, or nothing else here means anything. Each member logs a Data Grid Status when it sees
            // the grid change; under load the first member has been seen not to log the second's arrival (its last status
            // still lists itself alone) while the second lists both. Hazelcast keeps one member list for the whole grid
            // (the oldest member decides it), so one member's list with both is the grid's; the shared caches, limits
            // and jobs below prove it in use.
            boolean one = poll(Duration.ofSeconds(60), () -> a.gridMembers().size() == 2 || b.gridMembers().size() == 2);
            assertThat(one).as("A and B form ONE data grid of 2 members (the last Data Grid Status in each log): A sees "
                    + a.gridMembers() + ", B sees " + b.gridMembers()).isTrue();
            var grid = a.gridMembers().size() == 2 ? a.gridMembers() : b.gridMembers();
            assertThat(grid).as("the grid's member list names both data-grid ports")
                    .containsExactlyInAnyOrder("127.0.0.1:" + a.hzPort, "127.0.0.1:" + b.hzPort);
        } catch (Throwable e) {
            printTails();
            throw e;
        }
    }

    @AfterAll
    static void stopBothAndDropTheSchema() throws Exception {
        killBoth();
        try (Connection db = database(); var statement = db.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    private static void killBoth() {
        for (Instance instance : new Instance[] {a, b}) {
            if (instance != null && instance.process != null) instance.process.destroy();
        }
        for (Instance instance : new Instance[] {a, b}) {
            if (instance == null || instance.process == null) continue;
            try {
                if (!instance.process.waitFor(20, TimeUnit.SECONDS)) instance.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                instance.process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- the tests ---------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void bothInstancesStartedTogetherOnOneEmptyDatabaseAndItHasOneSchemaAndOneDemoLoad() throws Exception {
        for (Instance instance : List.of(a, b)) {
            var ready = get(instance.httpPort, "/health/ready");
            assertThat(ready.statusCode()).as(instance.name + " ready: " + ready.body()).isEqualTo(200);
            assertThat(ready.body()).as(instance.name + " checks its database").contains("\"database\"", "\"UP\"");
            anonymous(instance.base()).get("/api/institutions/tu-delft").then().statusCode(200);
            assertThat(instance.log()).as(instance.name + "'s deployment").doesNotContain("Exception while loading the app",
                    "Exception during lifecycle processing", "OptimisticLockException");
        }

        // every migration exactly once, all successful, in this run's schema (the datasource passed currentSchema through)
        Set<String> expected = new TreeSet<>();
        for (Path folder : List.of(PROJECT.resolve("src/main/resources/db/migration"), PROJECT.resolve("src/main/resources/db/vendor/postgresql"))) {
            try (Stream<Path> files = Files.list(folder)) {
                files.map(f -> f.getFileName().toString()).map(n -> Pattern.compile("^V([0-9.]+)__.*\\.sql$").matcher(n))
                        .filter(Matcher::matches).forEach(m -> expected.add(m.group(1)));
            }
        }
        Map<String, Integer> applied = new TreeMap<>();
        List<String> failed = new ArrayList<>();
        try (Connection db = database(); var statement = db.createStatement();
             var rows = statement.executeQuery("SELECT version, success FROM " + SCHEMA + ".flyway_schema_history WHERE version IS NOT NULL")) {
            while (rows.next()) {
                applied.merge(rows.getString(1), 1, Integer::sum);
                if (!rows.getBoolean(2)) failed.add(rows.getString(1));
            }
        }
        assertThat(applied.keySet()).as("the versions applied to " + SCHEMA).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(applied).as("each version exactly once").allSatisfy((version, times) -> assertThat(times).as(version).isEqualTo(1));
        assertThat(failed).as("failed migrations").isEmpty();
        // the cluster's token keys too (the key bootstrap, before the application is up, also keeps to the schema of the URL)
        assertThat(count("registry_token_key")).as("the cluster's one key pair in " + SCHEMA).isEqualTo(1);

        // the demo data exactly once: one load logged (by one of the two), and what it counted is what the database holds
        String logs = a.log() + b.log();
        Matcher loaded = Pattern.compile("Demo data loaded: boards, (\\d+) accounts \\(password '[^']*'\\), (\\d+) programmes, (\\d+) agreements and (\\d+) exemption requests")
                .matcher(logs);
        assertThat(loaded.find()).as("a demo load in A's or B's log").isTrue();
        long[] counted = {Long.parseLong(loaded.group(1)), Long.parseLong(loaded.group(2)), Long.parseLong(loaded.group(3)), Long.parseLong(loaded.group(4))};
        assertThat(loaded.find()).as("a second demo load").isFalse();
        assertThat(count("account")).as("accounts").isEqualTo(counted[0]).isEqualTo(7);
        assertThat(count("programme")).as("programmes").isEqualTo(counted[1]);
        assertThat(count("agreement")).as("agreements").isEqualTo(counted[2]);
        assertThat(count("exemption_request")).as("exemption requests").isEqualTo(counted[3]);
        assertThat(count("institution")).as("the 34 members, once").isEqualTo(34);
    }

    @Test
    @Order(2)
    void aTokenIssuedByOneInstanceIsAcceptedByTheOther() {
        tokenA = Api.login(a.base(), ADMIN);
        tokenB = Api.login(b.base(), ADMIN);
        // the request needs a role: anonymous is refused on both
        assertThat(anonymous(b.base()).get("/api/exemption-requests").statusCode()).as("anonymous on B").isIn(401, 403);
        assertThat(anonymous(a.base()).get("/api/exemption-requests").statusCode()).as("anonymous on A").isIn(401, 403);
        Response onB = as(b.base(), tokenA).get("/api/exemption-requests");
        assertThat(onB.statusCode()).as("A's token on B: " + onB.asString()).isEqualTo(200);
        Response onA = as(a.base(), tokenB).get("/api/exemption-requests");
        assertThat(onA.statusCode()).as("B's token on A: " + onA.asString()).isEqualTo(200);
        // and a write with the other's token
        Response board = as(b.base(), tokenA).body(Map.of("name", "Board of Examiners " + WORD, "email", "boe-" + RUN + "@tudelft.invalid",
                "courseCodePrefixes", List.of("X" + RUN.substring(0, 3).toUpperCase()))).post("/api/institutions/tu-delft/boards");
        assertThat(board.statusCode()).as("a write on B with A's token: " + board.asString()).isEqualTo(201);
    }

    @Test
    @Order(3)
    void aPublishOnOneInstanceIsInTheOthersVeryNextCatalogueFacetAndOoapiRead() {
        String list = "/api/programmes?institution=tu-delft&pageSize=250";
        String facets = "/api/programmes/facets";
        String ooapi = "/ooapi/v5/courses?q=" + WORD;
        var body = programme("Clustered Catalogue " + WORD);
        String id = as(a.base(), tokenA).body(body).post("/api/programmes").then().statusCode(201).extract().path("id");

        // B reads first, twice: the second answer is B's cached one (the grid's), which the publish on A must invalidate
        JsonPath before = anonymous(b.base()).get(list).then().statusCode(200).extract().jsonPath();
        int total = before.getInt("totalItems");
        assertThat(before.getList("items.id", String.class)).doesNotContain(id);
        long facet = delftFacet(b);
        assertThat(anonymous(b.base()).get(ooapi).then().statusCode(200).extract().jsonPath().getList("items")).isEmpty();
        assertThat(anonymous(b.base()).get(list).header("Cache-Status")).as("B keeps the public list").isEqualTo("Registry; hit");
        assertThat(anonymous(b.base()).get(facets).header("Cache-Status")).as("B keeps the facets").isEqualTo("Registry; hit");
        assertThat(anonymous(b.base()).get(ooapi).header("Cache-Status")).as("B keeps the OOAPI page").isEqualTo("Registry; hit");

        as(a.base(), tokenA).header("If-Match", "\"" + version(a, tokenA, id) + "\"").post("/api/programmes/" + id + "/publish")
                .then().statusCode(200);

        SoftAssertions soft = new SoftAssertions();
        JsonPath after = anonymous(b.base()).get(list).then().statusCode(200).extract().jsonPath();
        soft.assertThat(after.getList("items.id", String.class)).as("B's very next catalogue read after the publish on A").contains(id);
        soft.assertThat(after.getInt("totalItems")).as("B's catalogue total").isEqualTo(total + 1);
        soft.assertThat(delftFacet(b)).as("B's facet count of tu-delft").isEqualTo(facet + 1);
        soft.assertThat(anonymous(b.base()).get(ooapi).then().statusCode(200).extract().jsonPath().getList("items.courseId", String.class))
                .as("B's OOAPI page").containsExactly(id);
        soft.assertAll();

        // and back: A reads (and keeps) its answers, B withdraws, A's very next reads have it gone
        anonymous(a.base()).get(list).then().statusCode(200);
        assertThat(anonymous(a.base()).get(ooapi).then().statusCode(200).extract().jsonPath().getString("items[0].validTo"))
                .as("the published course on A's OOAPI page is open-ended").isNull();
        delftFacet(a);
        assertThat(anonymous(a.base()).get(list).header("Cache-Status")).as("A keeps the public list").isEqualTo("Registry; hit");
        as(b.base(), tokenB).body(Map.of("reason", "Withdrawn on B")).post("/api/programmes/" + id + "/withdraw")
                .then().statusCode(200);
        soft = new SoftAssertions();
        JsonPath withdrawn = anonymous(a.base()).get(list).then().statusCode(200).extract().jsonPath();
        soft.assertThat(withdrawn.getList("items.id", String.class)).as("A's very next catalogue read after the withdrawal on B").doesNotContain(id);
        soft.assertThat(withdrawn.getInt("totalItems")).as("A's catalogue total").isEqualTo(total);
        soft.assertThat(delftFacet(a)).as("A's facet count of tu-delft").isEqualTo(facet);
        // OOAPI keeps every course that was ever published: a withdrawn one with the day it ended
        JsonPath ended = anonymous(a.base()).get(ooapi).then().statusCode(200).extract().jsonPath();
        soft.assertThat(ended.getList("items.courseId", String.class)).as("A's OOAPI page").containsExactly(id);
        soft.assertThat(ended.getString("items[0].validTo")).as("the withdrawn course's validTo on A's OOAPI page").isNotNull();
        soft.assertThat(anonymous(a.base()).get("/api/programmes/" + id).then().extract().jsonPath().getString("status"))
                .as("the programme on A").isEqualTo("WITHDRAWN");
        soft.assertAll();
    }

    @Test
    @Order(4)
    void loginFailuresSpreadOverBothInstancesHitTheThrottleAtTheSameTotal() {
        // REGISTRY_LOGIN_MAX_FAILURES_PER_USER=5 (pom.xml): one instance refuses the 6th attempt after 5 failures
        String user = "guess." + RUN;
        List<String> answers = new ArrayList<>();
        for (int attempt = 1; attempt <= 5; attempt++) {
            Instance on = attempt % 2 == 1 ? a : b;
            Response r = anonymous(on.base()).body(Map.of("username", user, "password", "wrong-" + attempt)).post("/api/auth/token");
            answers.add(on.name + ":" + r.statusCode());
            assertThat(r.statusCode()).as("failed attempt " + attempt + " on " + on.name + " (so far " + answers + ")").isEqualTo(401);
        }
        Response sixth = anonymous(b.base()).body(Map.of("username", user, "password", "wrong-6")).post("/api/auth/token");
        answers.add("B:" + sixth.statusCode());
        assertThat(sixth.statusCode()).as("the 6th attempt (3 failures on A, 2 on B before it) is refused on B as one instance "
                + "would refuse it: " + answers).isEqualTo(429);
        assertThat(Long.parseLong(sixth.header("Retry-After"))).as("Retry-After").isBetween(1L, 900L);
        Response seventh = anonymous(a.base()).body(Map.of("username", user, "password", "wrong-7")).post("/api/auth/token");
        assertThat(seventh.statusCode()).as("and on A too").isEqualTo(429);
        assertThat(Long.parseLong(seventh.header("Retry-After"))).isBetween(1L, 900L);
    }

    @Test
    @Order(5)
    void aWebhookDeliveryQueuedByAChangeIsDeliveredOnceNotOncePerInstance() throws Exception {
        try (Receiver receiver = new Receiver()) {
            as(a.base(), tokenA).body(Map.of("url", receiver.url())).put("/api/institutions/tu-delft/webhook").then().statusCode(200);
            // several changes, on A and B in turn: each queues one delivery, which both dispatchers (polling every second) see
            List<String> agreements = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Instance on = i % 2 == 0 ? a : b;
                agreements.add(as(on.base(), on == a ? tokenA : tokenB).body(agreement("Cluster delivery " + i + " " + WORD))
                        .post("/api/agreements").then().statusCode(201).extract().path("id"));
            }
            assertThat(poll(Duration.ofSeconds(40), () -> receiver.distinct() >= agreements.size()))
                    .as("a delivery per change within 40 s: " + receiver.perDelivery).isTrue();
            assertThat(poll(Duration.ofSeconds(20), () -> deliveriesOf(a).stream().filter("DELIVERED"::equals).count() >= agreements.size()))
                    .as("the registry records them delivered: " + deliveriesOf(a)).isTrue();
            // nothing to poll for: a duplicate would come in the next poll intervals (1 s each), so give it three
            Thread.sleep(3_000);
            assertThat(receiver.perDelivery).as("requests per X-Registry-Delivery id").hasSize(agreements.size())
                    .allSatisfy((delivery, times) -> assertThat(times.get()).as("requests for delivery " + delivery).isEqualTo(1));
            assertThat(receiver.bodies).as("one per agreement").hasSize(agreements.size());
            for (String id : agreements) assertThat(receiver.bodies).contains("{\"agreement\":\"" + id + "\"}");
        } finally {
            as(a.base(), tokenA).delete("/api/institutions/tu-delft/webhook");
        }
    }

    @Test
    @Order(6)
    void anAdminSessionSurvivesTheLossOfTheInstanceThatServedIt() throws Exception {
        String title = "Failover " + OTHER_WORD;
        String other = "Clustered Catalogue " + WORD; // test 3's, withdrawn: in the staff list, not in a list filtered to the title
        as(a.base(), tokenA).body(programme(title)).post("/api/programmes").then().statusCode(201);
        ChromeDriver browser = Browser.start();
        try (LoadBalancer balancer = new LoadBalancer(a.httpPort)) {
            String front = "http://127.0.0.1:" + balancer.port();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(front + "/admin/programmes/index.xhtml");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login:username"))).sendKeys(ADMIN);
            browser.findElement(By.id("login:password")).sendKeys("demo");
            browser.findElement(By.id("login:submit")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), ADMIN_NAME));
            assertThat(browser.getCurrentUrl()).contains("/admin/programmes/index.xhtml");
            // a postback served by A, then a filter typed in A's page, not yet sent
            assertThat(tryFilter(browser, wait, other, title)).as("a Faces postback on A (the programmes filter)").isNull();
            browser.findElement(By.id("filters:q")).clear();
            browser.findElement(By.id("filters:q")).sendKeys(title);

            // kill -9 of the instance that served the session; the balancer sends everything to B from now on
            a.process.destroyForcibly();
            assertThat(a.process.waitFor(20, TimeUnit.SECONDS)).as("A is gone").isTrue();
            balancer.target(b.httpPort);
            long killed = System.nanoTime();

            SoftAssertions soft = new SoftAssertions();
            // 0. a session survives only where it has a backup on another member: with host-aware partitioning on (Payara
            //    Micro's default, which it sets at boot whatever domain.xml says, unless --nohostaware) members on one address
            //    keep none, and whether this session survived would be the luck of which member owned its partition
            for (Instance instance : List.of(a, b)) {
                soft.assertThat(instance.log().contains("hazelcast-runtime-configuration.host-aware-partitioning=true"))
                        .as(instance.name + "'s log shows Payara Micro's boot command hazelcast-runtime-configuration.host-aware-partitioning=true: "
                                + "members on one address keep no backups of each other's sessions").isFalse();
            }
            // 1. the page A rendered, posted back through the balancer, answered by B: the session and its Faces view state
            //    must be on the grid
            browser.findElement(By.id("filters:apply")).click();
            boolean updated = waitFor(wait, () -> {
                String text = browser.findElement(By.id("list")).getText();
                return text.contains(title) && !text.contains(other);
            });
            System.out.println("ClusterIT: the postback of A's page " + (updated ? "answered" : "not answered") + " by B "
                    + (System.nanoTime() - killed) / 1_000_000 + " ms after A was killed");
            screenshot(browser, "cluster-it-a-page-on-b");
            soft.assertThat(updated).as("the postback of the view A rendered, answered by B: the list shows just the filtered programme (at "
                    + browser.getCurrentUrl() + ")").isTrue();
            soft.assertThat(browser.findElements(By.id("who"))).as("still logged in on the balancer's page").isNotEmpty();

            // 2. an admin page on B itself (the cookie is the host's, not the port's): still logged in, and its postbacks work
            browser.switchTo().newWindow(WindowType.TAB);
            browser.get("http://127.0.0.1:" + b.httpPort + "/admin/programmes/index.xhtml");
            boolean loggedIn = waitFor(wait, () -> !browser.findElements(By.id("who")).isEmpty()
                    || !browser.findElements(By.id("login:username")).isEmpty())
                    && !browser.findElements(By.id("who")).isEmpty();
            screenshot(browser, "cluster-it-b-page");
            soft.assertThat(loggedIn).as("B shows the admin page to the user logged in on A, not the login page (at " + browser.getCurrentUrl() + ")")
                    .isTrue();
            if (loggedIn) {
                soft.assertThat(browser.findElement(By.id("who")).getText()).as("the user's name on B").contains(ADMIN_NAME);
                soft.assertThat(tryFilter(browser, wait, other, title)).as("a Faces postback on B (the programmes filter)").isNull();
            }
            soft.assertAll();
        } finally {
            browser.quit();
        }
    }

    @Test
    @Order(7)
    void theSurvivorDoesTheScheduledWorkAlone() throws Exception {
        if (a.process.isAlive()) { // the test before kills A; should it have stopped short of that, this one does
            a.process.destroyForcibly();
            assertThat(a.process.waitFor(20, TimeUnit.SECONDS)).as("A is gone").isTrue();
        }
        try (Receiver receiver = new Receiver()) {
            as(b.base(), tokenB).body(Map.of("url", receiver.url())).put("/api/institutions/tu-delft/webhook").then().statusCode(200);
            String id = as(b.base(), tokenB).body(agreement("After the loss of A " + WORD)).post("/api/agreements").then().statusCode(201)
                    .extract().path("id");
            assertThat(poll(Duration.ofSeconds(40), () -> receiver.distinct() >= 1)).as("B delivers the webhook on its own within 40 s").isTrue();
            Thread.sleep(2_000);
            assertThat(receiver.bodies).containsExactly("{\"agreement\":\"" + id + "\"}");
            assertThat(receiver.perDelivery).allSatisfy((delivery, times) -> assertThat(times.get()).isEqualTo(1));
        } finally {
            as(b.base(), tokenB).delete("/api/institutions/tu-delft/webhook");
        }
    }

    // ---- the instances -----------------------------------------------------------------------------------

    /** One Payara Micro with the WAR, its own root, data folder and log in the build directory. */
    static final class Instance {
        final String name;
        final int httpPort;
        final int hzPort;
        final Path dir;
        final Path log;
        Process process;

        Instance(String name, int httpPort, int hzPort, Path dir) {
            this.name = name;
            this.httpPort = httpPort;
            this.hzPort = hzPort;
            this.dir = dir;
            this.log = BUILD.resolve("cluster-it-" + name + ".log");
        }

        URL base() {
            try {
                return URI.create("http://127.0.0.1:" + httpPort).toURL();
            } catch (java.net.MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }

        ProcessBuilder builder(String clusterName, String members) throws IOException {
            Files.createDirectories(dir);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions());
            command.addAll(List.of("-jar", System.getProperty("payara.microJar", "target/payara-micro.jar"),
                    "--deploy", System.getProperty("registry.war", "target/ROOT.war"),
                    "--domainconfig", System.getProperty("registry.domainConfig", "domain.xml"),
                    "--rootdir", dir.resolve("payara").toAbsolutePath().toString(),
                    "--name", name,
                    "--clustername", clusterName,
                    "--clustermode", members,
                    "--interfaces", "127.0.0.1", "--nohostaware",
                    "--startport", Integer.toString(hzPort),
                    "--port", Integer.toString(httpPort)));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            Map<String, String> env = builder.environment();
            // the registry's own keys (generated, and to be shared through the database), not the test identity provider's
            env.keySet().removeAll(List.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "MP_JWT_VERIFY_ISSUER",
                    "REGISTRY_JWT_SIGNING_KEY_LOCATION", "REGISTRY_JWT_ISSUER", "REGISTRY_SQL_COUNT"));
            String url = System.getProperty("test.db.url");
            env.put("REGISTRY_DB_URL", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
            env.put("REGISTRY_DB_USER", System.getProperty("test.db.user"));
            env.put("REGISTRY_DB_PASSWORD", System.getProperty("test.db.password"));
            env.put("REGISTRY_DATA_DIR", dir.resolve("data").toAbsolutePath().toString());
            env.put("REGISTRY_DEMO_DATA", "true");
            return builder;
        }

        String log() {
            try {
                return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
            } catch (IOException e) {
                return "";
            }
        }

        /**
         * The members ("host:port") of the last "Data Grid Status" Payara Micro logged (at start-up and whenever the grid's
         * members change); empty before there is one.
         */
        List<String> gridMembers() {
            Matcher states = Pattern.compile("Data Grid Status\\s*\\nPayara Data Grid State: [^\\n]*\\nInstances: \\{(.*?)\\}", Pattern.DOTALL)
                    .matcher(log());
            String last = null;
            while (states.find()) last = states.group(1);
            List<String> members = new ArrayList<>();
            if (last == null) return members;
            Matcher member = Pattern.compile("DataGrid: (\\S+) [^\\n]*?Address: /([0-9.]+:\\d+)").matcher(last);
            while (member.find()) members.add(member.group(2));
            return members;
        }
    }

    /** The JVM options the registry ships with (pom.xml, registry.jvm.options), else a heap like theirs. */
    private static List<String> jvmOptions() {
        try {
            Matcher m = Pattern.compile("<registry\\.jvm\\.options>([^<]+)</registry\\.jvm\\.options>").matcher(Files.readString(PROJECT.resolve("pom.xml")));
            if (m.find()) return List.of(m.group(1).trim().split("\\s+"));
        } catch (IOException e) {
            // the default below
        }
        return List.of("-Xmx512m");
    }

    private static void waitUntilReady(Instance instance, long deadline) throws Exception {
        while (System.nanoTime() < deadline) {
            assertThat(instance.process.isAlive()).as("Payara Micro " + instance.name + " exited; see " + instance.log).isTrue();
            String log = instance.log();
            if (log.contains("Exception while loading the app")) {
                Matcher cause = Pattern.compile("Caused by: ([^\n]+)").matcher(log);
                String last = null;
                while (cause.find()) last = cause.group(1);
                throw new AssertionError("Instance " + instance.name + " failed to deploy the registry: " + last + "; see " + instance.log);
            }
            try {
                var ready = get(instance.httpPort, "/health/ready");
                // the registry's own readiness check: Payara's /health answers UP without a deployed application too
                if (ready.statusCode() == 200 && ready.body().contains("\"database\"")) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Instance " + instance.name + " was not ready within the deadline; see " + instance.log);
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    /** Records what the registry's webhook deliveries send: requests per X-Registry-Delivery id, and the bodies. */
    static final class Receiver implements AutoCloseable {
        final Map<String, AtomicInteger> perDelivery = new ConcurrentHashMap<>();
        final List<String> bodies = java.util.Collections.synchronizedList(new ArrayList<>());
        private final HttpServer server;

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hook", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String delivery = String.valueOf(exchange.getRequestHeaders().getFirst("X-Registry-Delivery"));
                perDelivery.computeIfAbsent(delivery, d -> new AtomicInteger()).incrementAndGet();
                bodies.add(body);
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        int distinct() {
            return perDelivery.size();
        }

        @Override
        public void close() {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    private static List<String> deliveriesOf(Instance instance) {
        List<String> statuses = as(instance.base(), instance == a ? tokenA : tokenB).get("/api/institutions/tu-delft/webhook")
                .then().statusCode(200).extract().path("recentDeliveries.status");
        return statuses == null ? List.of() : statuses;
    }

    private static Map<String, Object> programme(String title) {
        Map<String, Object> p = new HashMap<>();
        p.put("courseCode", "CL-" + RUN.substring(0, 4).toUpperCase() + ThreadLocalRandom.current().nextInt(1000, 9999));
        p.put("title", Map.of("en", title, "nl", title + " (NL)"));
        p.put("description", Map.of("en", "A programme about " + title + " for professionals."));
        p.put("learningOutcomes", List.of("Explain the principles of " + title, "Apply them in practice"));
        p.put("ects", 5);
        p.put("nlqfLevel", "6");
        p.put("eqfLevel", 6);
        p.put("participation", List.of("ONLINE"));
        p.put("assessmentType", "WRITTEN_EXAM");
        p.put("languages", List.of("en"));
        p.put("iscedField", "0613");
        p.put("microcredentialSince", "2025-09-01");
        return p;
    }

    private static Map<String, Object> agreement(String terms) {
        Map<String, Object> agreement = new HashMap<>();
        agreement.put("title", "Cluster agreement " + terms);
        agreement.put("kind", "BILATERAL");
        agreement.put("parties", List.of("tu-delft", "universiteit-leiden"));
        agreement.put("effect", "ELECTIVE_CREDITS");
        agreement.put("terms", terms);
        agreement.put("validFrom", "2026-01-01");
        agreement.put("validUntil", "2030-12-31");
        return agreement;
    }

    private static int version(Instance instance, String token, String id) {
        return as(instance.base(), token).get("/api/programmes/" + id).then().statusCode(200).extract().path("version");
    }

    /** tu-delft's count in the public facets' institution dimension (0 when absent). */
    private static long delftFacet(Instance instance) {
        JsonPath facets = anonymous(instance.base()).get("/api/programmes/facets").then().statusCode(200).extract().jsonPath();
        int index = facets.getList("institution.value", String.class).indexOf("tu-delft");
        return index < 0 ? 0 : facets.getList("institution.count", Long.class).get(index);
    }

    private static long count(String table) throws SQLException {
        try (Connection db = database(); var statement = db.createStatement();
             var rows = statement.executeQuery("SELECT count(*) FROM " + SCHEMA + "." + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * Filters the admin programme list to a title (a PrimeFaces AJAX postback): null when the list then shows that title and
     * no longer the other one, else what was seen instead.
     */
    private static String tryFilter(ChromeDriver browser, WebDriverWait wait, String title, String other) {
        try {
            var q = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("filters:q")));
            q.clear();
            q.sendKeys(title);
            browser.findElement(By.id("filters:apply")).click();
            boolean shown = waitFor(wait, () -> {
                String text = browser.findElement(By.id("list")).getText();
                return text.contains(title) && !text.contains(other);
            });
            if (shown) return null;
            var list = browser.findElements(By.id("list"));
            return "no list of just " + title + " at " + browser.getCurrentUrl() + ": " + (list.isEmpty() ? "(no list)" : list.get(0).getText());
        } catch (RuntimeException e) {
            return e + " at " + browser.getCurrentUrl();
        }
    }

    /** Waits until the condition holds (false when it never did within the wait's timeout). */
    private static boolean waitFor(WebDriverWait wait, BooleanSupplier condition) {
        try {
            wait.until(driver -> {
                try {
                    return condition.getAsBoolean();
                } catch (RuntimeException notYet) {
                    return false;
                }
            });
            return true;
        } catch (org.openqa.selenium.TimeoutException e) {
            return false;
        }
    }

    private static void screenshot(ChromeDriver browser, String name) {
        try {
            Files.write(BUILD.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            Files.writeString(BUILD.resolve(name + ".html"), browser.getPageSource());
        } catch (IOException | RuntimeException e) {
            // only for looking at a failure
        }
    }

    private static boolean poll(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) return true;
            } catch (RuntimeException | AssertionError notYet) {
                // not yet
            }
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(250);
        }
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(System.getProperty("test.db.url"), System.getProperty("test.db.user"), System.getProperty("test.db.password"));
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int[] freePorts(int n) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) socket.close();
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) return;
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void printTails() {
        for (Instance instance : new Instance[] {a, b}) {
            if (instance == null) continue;
            List<String> lines = instance.log().lines().toList();
            System.out.println("==== the last lines of " + instance.log + " ====");
            lines.subList(Math.max(0, lines.size() - 80), lines.size()).forEach(System.out::println);
        }
    }

    /** On a failed test, the tails of both instances' logs. */
    static final class LogsOnFailure implements TestWatcher {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            printTails();
        }
    }
}
