package nl.microcredentials.registry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * WCAG 2.1 AA in the browser: every page of the UI, as each demo role (anonymous, coordinator, institution admin,
 * board member), checked with axe-core; no serious or critical violation may remain. A screenshot of every page is
 * kept under {@code target/screenshots/} (a CI artefact), and the violation counts per page are printed.
 */
@SharedRegistry.Suite
class AccessibilityIT {

    @SharedRegistry.Base
    URL base;

    static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    static final Map<String, String> REPORT = new LinkedHashMap<>();

    @AfterAll
    static void report() {
        System.out.println("AccessibilityIT: axe-core violations per page (serious+critical / all rules violated):");
        REPORT.forEach((page, counts) -> System.out.println("  " + page + ": " + counts));
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    static Path screenshots() throws IOException {
        Path dir = Path.of(System.getProperty("registry.itLog", "target/payara-it.log")).toAbsolutePath().getParent().resolve("screenshots");
        Files.createDirectories(dir);
        return dir;
    }

    @Test
    void everyPageAsEveryRoleHasNoSeriousOrCriticalViolations() throws Exception {
        String admin = Api.login(base, "admin.tudelft");
        String programme = Api.anonymous(base).queryParam("institution", "universiteit-leiden").queryParam("pageSize", 1).get("/api/programmes")
                .then().statusCode(200).extract().path("items[0].id");
        String agreement = Api.as(base, admin).queryParam("pageSize", 1).get("/api/agreements").then().statusCode(200).extract().path("items[0].id");
        String request = Api.as(base, admin).queryParam("pageSize", 1).get("/api/exemption-requests").then().statusCode(200).extract().path("items[0].id");
        String board = Api.anonymous(base).get("/api/institutions/tu-delft/boards").then().statusCode(200).extract().path("items[0].id");

        Map<String, List<String>> pages = new LinkedHashMap<>();
        pages.put(null, List.of("/", "/catalogue/index.xhtml", "/catalogue/programme.xhtml?id=" + programme, "/agreements.xhtml", "/admin/login.xhtml",
                "/catalogue/verify.xhtml"));
        pages.put("coordinator", List.of("/admin/index.xhtml", "/admin/institutions/index.xhtml", "/admin/institutions/view.xhtml?code=tu-delft",
                "/admin/institutions/edit.xhtml?code=tu-delft", "/admin/reports/index.xhtml", "/admin/exemptions/index.xhtml",
                "/admin/agreements/index.xhtml", "/admin/programmes/index.xhtml", "/admin/ooapi/index.xhtml?code=tu-delft",
                "/admin/notifications/index.xhtml"));
        pages.put("admin.tudelft", List.of("/admin/index.xhtml", "/admin/programmes/index.xhtml", "/admin/programmes/edit.xhtml",
                "/admin/programmes/view.xhtml?id=" + programme, "/admin/agreements/index.xhtml", "/admin/agreements/edit.xhtml",
                "/admin/agreements/view.xhtml?id=" + agreement, "/admin/exemptions/index.xhtml", "/admin/exemptions/edit.xhtml",
                "/admin/exemptions/view.xhtml?id=" + request, "/admin/boards/edit.xhtml?id=" + board, "/admin/ooapi/index.xhtml"));
        pages.put("board.tudelft", List.of("/admin/index.xhtml", "/admin/exemptions/index.xhtml", "/admin/exemptions/view.xhtml?id=" + request,
                "/admin/notifications/index.xhtml", "/admin/notifications/preferences.xhtml"));

        List<String> failures = new ArrayList<>();
        for (var role : pages.entrySet()) {
            WebDriver browser = Browser.start();
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
                if (role.getKey() != null) {
                    browser.get(url("/admin/login.xhtml"));
                    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login:username"))).sendKeys(role.getKey());
                    browser.findElement(By.id("login:password")).sendKeys("demo");
                    browser.findElement(By.id("login:submit")).click();
                    wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("login.xhtml")));
                }
                for (String page : role.getValue()) {
                    browser.get(url(page));
                    wait.until(d -> "complete".equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
                    assertThat(browser.getTitle() + " " + browser.findElement(By.tagName("body")).getText())
                            .as(page + " as " + role.getKey() + " is not an error page")
                            .doesNotContain("Something went wrong", "Er ging iets mis", "This does not exist", "Page not found");
                    Results results = new AxeBuilder().withTags(TAGS).analyze(browser);
                    List<Rule> violations = results.getViolations();
                    List<Rule> grave = violations.stream().filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact())).toList();
                    String name = (role.getKey() == null ? "anonymous" : role.getKey()) + " " + page.replaceAll("\\?.*", "");
                    REPORT.put(name, grave.size() + " / " + violations.size()
                            + (violations.isEmpty() ? "" : " " + violations.stream().map(r -> r.getId() + "(" + r.getImpact() + "," + r.getNodes().size() + ")").toList()));
                    for (Rule r : grave) {
                        failures.add(name + ": " + r.getId() + " (" + r.getImpact() + ") " + r.getHelp() + " at "
                                + r.getNodes().stream().limit(3).map(n -> n.getTarget() + " " + n.getHtml() + " " + n.getFailureSummary()).toList());
                    }
                    screenshot(browser, name);
                }
            } finally {
                browser.quit();
            }
        }
        assertThat(failures).as("serious or critical WCAG 2.1 AA violations").isEmpty();
    }

    /**
     * The dashboards are the start of each role's work: a request due in 3 days and one 2 days overdue (dates moved in
     * the database) are on the board member's lists and the institution admin's, an agreement proposed by Leiden waits
     * for TU Delft's approval, and the coordinator sees TU Delft among the institutions with overdue requests. Each
     * item links to where it is handled.
     */
    @Test
    void eachRolesDashboardListsTheirWorkWithLinksToIt() throws Exception {
        String delft = Api.login(base, "admin.tudelft");
        String leiden = Api.login(base, "admin.leiden");
        String programme = Api.anonymous(base).queryParam("institution", "universiteit-leiden").queryParam("pageSize", 1).get("/api/programmes")
                .then().statusCode(200).extract().path("items[0].id");
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("learner", Map.of("name", "Dashboard Learner", "studentNumber", "s7654321"));
        body.put("programme", programme);
        body.put("awardedOn", java.time.LocalDate.now().minusDays(10).toString());
        body.put("targetCourse", Map.of("code", "CSE1500", "title", "Databases", "ects", 5));
        String soon = Api.as(base, delft).body(body).post("/api/exemption-requests").then().statusCode(201).extract().path("reference");
        String late = Api.as(base, delft).body(body).post("/api/exemption-requests").then().statusCode(201).extract().path("reference");
        try (var db = java.sql.DriverManager.getConnection(System.getProperty("test.db.url"), System.getProperty("test.db.user"), System.getProperty("test.db.password"));
             var update = db.prepareStatement("UPDATE exemption_request SET decision_due = ? WHERE reference = ?")) {
            update.setObject(1, java.time.LocalDate.now(java.time.ZoneId.of("Europe/Amsterdam")).plusDays(3));
            update.setString(2, soon);
            update.executeUpdate();
            update.setObject(1, java.time.LocalDate.now(java.time.ZoneId.of("Europe/Amsterdam")).minusDays(2));
            update.setString(2, late);
            update.executeUpdate();
        }
        Map<String, Object> agreement = new java.util.HashMap<>(Map.of("title", "Dashboard agreement", "kind", "BILATERAL",
                "parties", List.of("universiteit-leiden", "tu-delft"), "effect", "ELECTIVE_CREDITS", "terms", "Dashboard terms", "validFrom", "2026-01-01"));
        String id = Api.as(base, leiden).body(agreement).post("/api/agreements").then().statusCode(201).extract().path("id");
        int version = Api.as(base, leiden).get("/api/agreements/" + id).then().statusCode(200).extract().path("version");
        Api.as(base, leiden).header("If-Match", "\"" + version + "\"").post("/api/agreements/" + id + "/propose").then().statusCode(200);

        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("board.tudelft", List.of("overdue:" + late, "dueSoon:" + soon));
        expected.put("admin.tudelft", List.of("inFlight:" + late, "inFlight:" + soon, "adminAgreements:Dashboard agreement"));
        expected.put("coordinator", List.of("overduePerInstitution:Delft", "coordinatorAgreements:Dashboard agreement"));
        for (var role : expected.entrySet()) {
            WebDriver browser = Browser.start();
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
                browser.get(url("/admin/login.xhtml"));
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login:username"))).sendKeys(role.getKey());
                browser.findElement(By.id("login:password")).sendKeys("demo");
                browser.findElement(By.id("login:submit")).click();
                wait.until(ExpectedConditions.urlContains("/admin/"));
                browser.get(url("/admin/index.xhtml"));
                for (String item : role.getValue()) {
                    String section = item.substring(0, item.indexOf(':'));
                    String text = item.substring(item.indexOf(':') + 1);
                    var links = browser.findElements(By.cssSelector("#" + section + " a"));
                    assertThat(links).as(role.getKey() + ": " + item).anyMatch(a -> a.getText().contains(text) && a.getAttribute("href") != null);
                }
                browser.manage().window().setSize(new Dimension(1366, 900));
                screenshot(browser, "dashboard-" + role.getKey());
                // the first link of the first list leads to where the item is handled
                String section = role.getValue().get(0).substring(0, role.getValue().get(0).indexOf(':'));
                browser.findElements(By.cssSelector("#" + section + " a")).get(0).click();
                wait.until(ExpectedConditions.urlMatches(".*/admin/(exemptions|agreements|institutions)/(view|index).*"));
            } finally {
                browser.quit();
            }
        }
    }

    /**
     * The key flows with the keyboard alone: an institution admin records a request (Tab from field to field, arrow keys
     * in the programme menu, typing the date, Enter on the button), then the routed board member reviews and decides it
     * (Tab to the buttons, Enter, Space on the outcome, typing the motivation). Every field and button must be reached by
     * Tab, in a sensible order; no mouse click anywhere.
     */
    @Test
    void recordingAndDecidingARequestWorkWithTheKeyboardAlone() throws Exception {
        WebDriver browser = Browser.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            keyboardLogin(browser, wait, "admin.tudelft");
            browser.get(url("/admin/exemptions/edit.xhtml"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("form:learner_name")));
            tabTo(browser, "form:learner_name").sendKeys("Keyboard Learner");
            tabTo(browser, "form:learner_studentNumber").sendKeys("s1112223");
            // the programme menu: focus it and choose the first programme with the arrow key
            tabTo(browser, "form:programme_label").sendKeys(org.openqa.selenium.Keys.ARROW_DOWN);
            wait.until(d -> !d.findElement(By.id("form:programme_input")).getAttribute("value").isEmpty());
            var date = tabTo(browser, "form:awardedOn_input");
            date.sendKeys(java.time.LocalDate.now().minusDays(20).toString());
            date.sendKeys(org.openqa.selenium.Keys.ESCAPE);
            Thread.sleep(300);
            // Escape closes the calendar the typing opened; it may open after the first Escape, so again until it is gone
            for (int i = 0; i < 10 && browser.findElements(By.cssSelector(".ui-datepicker-panel")).stream().anyMatch(org.openqa.selenium.WebElement::isDisplayed); i++) {
                browser.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ESCAPE);
                Thread.sleep(200);
            }
            if (!"form:awardedOn_input".equals(browser.switchTo().activeElement().getAttribute("id"))) {
                browser.findElement(By.id("form:awardedOn_input")).sendKeys(""); // back to the date field the calendar took focus from
            }
            // the calendar may have taken some of the typing (seen on a loaded machine): the field holds the date, or is typed again
            String awarded = java.time.LocalDate.now().minusDays(20).toString();
            if (!awarded.equals(browser.findElement(By.id("form:awardedOn_input")).getAttribute("value"))) {
                var field = browser.findElement(By.id("form:awardedOn_input"));
                field.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), org.openqa.selenium.Keys.DELETE);
                field.sendKeys(awarded, org.openqa.selenium.Keys.ESCAPE);
                Thread.sleep(300);
            }
            assertThat(browser.findElement(By.id("form:awardedOn_input")).getAttribute("value")).as("the award date typed").isEqualTo(awarded);
            tabTo(browser, "form:targetCourse_code").sendKeys("CSE1999");
            tabTo(browser, "form:targetCourse_title").sendKeys("Keyboard Course");
            tabTo(browser, "form:targetCourse_ects_input").sendKeys("5");
            tabTo(browser, "form:save").sendKeys(org.openqa.selenium.Keys.ENTER);
            try {
                wait.until(ExpectedConditions.urlContains("/admin/exemptions/view.xhtml"));
            } catch (org.openqa.selenium.TimeoutException e) {
                screenshot(browser, "keyboard-record-not-saved");
                var messages = browser.findElements(By.id("messages"));
                throw new AssertionError("the request was not saved; the page says: " + (messages.isEmpty() ? "-" : messages.get(0).getText()), e);
            }
            String requestUrl = browser.getCurrentUrl();
            String reference = browser.findElement(By.tagName("h1")).getText();
            browser.quit();

            browser = Browser.start();
            wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            keyboardLogin(browser, wait, "board.tudelft");
            browser.get(requestUrl);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("actions:review")));
            tabTo(browser, "actions:review").sendKeys(org.openqa.selenium.Keys.ENTER);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("actions:decide")));
            tabTo(browser, "actions:decide").sendKeys(org.openqa.selenium.Keys.ENTER);
            wait.until(d -> d.findElements(By.cssSelector("[id$='decisionDialog']")).stream().anyMatch(org.openqa.selenium.WebElement::isDisplayed));
            tabToSuffix(browser, "outcome:0").sendKeys(org.openqa.selenium.Keys.SPACE);
            tabToSuffix(browser, "decisionMotivation").sendKeys("The micro-credential covers the course (decided by keyboard).");
            tabToSuffix(browser, "confirm-decision").sendKeys(org.openqa.selenium.Keys.ENTER);
            WebDriver b = browser;
            wait.until(d -> b.findElements(By.id("decision-outcome")).size() == 1);
            assertThat(browser.findElement(By.id("decision-outcome")).getText()).as(reference).isEqualTo("Granted");
            screenshot(browser, "keyboard-decided");
        } finally {
            browser.quit();
        }
    }

    private void keyboardLogin(WebDriver browser, WebDriverWait wait, String username) {
        browser.get(url("/admin/login.xhtml"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login:username")));
        tabTo(browser, "login:username").sendKeys(username);
        tabTo(browser, "login:password").sendKeys("demo", org.openqa.selenium.Keys.ENTER);
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("login.xhtml")));
    }

    /** Presses Tab until the element with this id has the focus (at most 80 times): it must be reachable by keyboard. */
    static org.openqa.selenium.WebElement tabTo(WebDriver browser, String id) {
        return tabUntil(browser, id, focused -> id.equals(focused));
    }

    static org.openqa.selenium.WebElement tabToSuffix(WebDriver browser, String suffix) {
        return tabUntil(browser, "*" + suffix, focused -> focused != null && focused.endsWith(suffix));
    }

    private static org.openqa.selenium.WebElement tabUntil(WebDriver browser, String what, java.util.function.Predicate<String> wanted) {
        List<String> path = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            org.openqa.selenium.WebElement active = browser.switchTo().activeElement();
            String id = active.getAttribute("id");
            if (wanted.test(id)) return active;
            path.add(id == null || id.isEmpty() ? active.getTagName() : id);
            active.sendKeys(org.openqa.selenium.Keys.TAB);
        }
        throw new AssertionError("Tab never reached " + what + "; focus went " + path);
    }

    static void screenshot(WebDriver browser, String name) throws IOException {
        // the whole page: as tall as its content
        Number height = (Number) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight");
        Dimension before = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(before.getWidth(), Math.min(4000, Math.max(before.getHeight(), height.intValue() + 100))));
        Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, screenshots().resolve(name.replaceAll("[^A-Za-z0-9.]+", "-").replaceAll("^-|-$", "") + ".png"), StandardCopyOption.REPLACE_EXISTING);
        browser.manage().window().setSize(before);
    }
}
