package nl.microcredentials.registry.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The admin UI in headless chromium: login, the coordinator's institution edit, board management, language. */
@SharedRegistry.Suite
class AdminUiIT {

    @SharedRegistry.Base
    URL base;

    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void open() {
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void close() {
        if (browser != null) browser.quit();
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    private void login(String username, String password) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login:username"))).sendKeys(username);
        browser.findElement(By.id("login:password")).sendKeys(password);
        browser.findElement(By.id("login:submit")).click();
    }

    private WebElement field(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    @Test
    void anonymousAdminGoesToTheLoginAndAWrongPasswordIsRefused() {
        browser.get(url("/admin/"));
        wait.until(ExpectedConditions.urlContains("/admin/login.xhtml"));
        login("coordinator", "wrong");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "not correct"));
        assertThat(browser.getCurrentUrl()).contains("/admin/login.xhtml");
    }

    @Test
    void aCoordinatorEditsAnInstitutionAndSeesTheChange() {
        browser.get(url("/admin/institutions/edit.xhtml?code=zuyd-hogeschool"));
        login("coordinator", "demo");
        // back on the page that asked for the login
        WebElement website = field("form:website");
        assertThat(browser.getCurrentUrl()).contains("/admin/institutions/edit.xhtml?code=zuyd-hogeschool");
        website.clear();
        website.sendKeys("https://www.zuyd.nl");
        WebElement brin = browser.findElement(By.id("form:brin"));
        brin.clear();
        brin.sendKeys("bad");
        browser.findElement(By.id("form:save")).click();
        // inline validation message at the field; nothing saved
        WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[id='form:brin'] ~ .ui-message, .ui-message-error")));
        assertThat(message.getText()).contains("2 digits");

        brin = field("form:brin");
        brin.clear();
        brin.sendKeys("07GR");
        browser.findElement(By.id("form:save")).click();
        wait.until(ExpectedConditions.urlContains("/admin/institutions/view.xhtml"));
        assertThat(field("institution-website").getText()).isEqualTo("https://www.zuyd.nl");
        assertThat(browser.findElement(By.id("messages")).getText()).contains("saved");

        // the list shows it, and so does the API
        browser.get(url("/admin/institutions/index.xhtml"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("list:institutions"), "Zuyd Hogeschool"));
        Api.anonymous(base).get("/api/institutions/zuyd-hogeschool").then().statusCode(200)
                .body("website", org.hamcrest.Matchers.equalTo("https://www.zuyd.nl"))
                .body("brin", org.hamcrest.Matchers.equalTo("07GR"));

        // the coordinator's dashboard drops every cached answer (after a change by hand in the database)
        Api.anonymous(base).get("/api/institutions/zuyd-hogeschool").then().statusCode(200)
                .header("Cache-Status", org.hamcrest.Matchers.equalTo("Registry; hit"));
        browser.get(url("/admin/"));
        field("cachesForm:dropCaches").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Every cached answer was dropped"));
        Api.anonymous(base).get("/api/institutions/zuyd-hogeschool").then().statusCode(200)
                .header("Cache-Status", org.hamcrest.Matchers.containsString("fwd=miss"));
    }

    @Test
    void anInstitutionAdminAddsABoardAndSwitchesToDutch() {
        browser.get(url("/admin/"));
        login("admin.hu", "demo");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("admin-dashboard")));
        browser.get(url("/admin/boards/edit.xhtml?institution=hogeschool-utrecht"));
        field("form:name").sendKeys("Examencommissie Gezondheidszorg");
        browser.findElement(By.id("form:email")).sendKeys("ec-gezondheid@hu.invalid");
        browser.findElement(By.id("form:save")).click();
        wait.until(ExpectedConditions.urlContains("/admin/institutions/view.xhtml?code=hogeschool-utrecht"));
        assertThat(field("boards").getText()).contains("Examencommissie Gezondheidszorg", "Examencommissie Instituut voor ICT");

        browser.findElement(By.id("nav:lang-nl")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h2"), "Examencommissies"));
        assertThat(browser.findElement(By.id("nav:logout")).getText()).isEqualTo("Uitloggen");
    }

    @Test
    void anInstitutionAdminRegistersAndPublishesAProgrammeThatThePublicCatalogueFinds() {
        String word = "Hydroinformatics" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "x");
        browser.get(url("/admin/programmes/edit.xhtml"));
        login("admin.leiden", "demo");
        field("form:title_en").sendKeys(word + " for Water Boards");
        browser.findElement(By.id("form:description_en")).sendKeys("Models and data for water management.");
        browser.findElement(By.id("form:learningOutcomes")).sendKeys("Build a hydrological model\nInterpret sensor data");
        browser.findElement(By.id("form:ects_input")).sendKeys("5");
        var js = (org.openqa.selenium.JavascriptExecutor) browser;
        wait.until(d -> (Boolean) js.executeScript(
                "return !!(window.PF && PF('nlqfLevel') && PF('eqfLevel') && PF('assessmentType'))"));
        js.executeScript("PF('nlqfLevel').selectValue('7'); PF('eqfLevel').selectValue('7'); PF('assessmentType').selectValue('PORTFOLIO');");
        browser.findElement(By.cssSelector("label[for='form:participation:0']")).click();
        // a rule broken: the message appears at its field
        WebElement isced = browser.findElement(By.id("form:iscedField"));
        isced.sendKeys("61");
        setDate("form:microcredentialSince_input", "2025-09-01");
        wait.until(ExpectedConditions.attributeToBe(By.id("form:iscedField"), "value", "61"));
        browser.findElement(By.id("form:save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("form"), "4 digits"));
        assertThat(browser.getCurrentUrl()).contains("/admin/programmes/edit.xhtml");
        // the message names the field by its label, at the field and in the summary at the top
        assertThat(browser.findElement(By.id("messages")).getText()).contains("Field of study (ISCED-F) must be");
        isced = field("form:iscedField");
        isced.clear();
        isced.sendKeys("0532");
        wait.until(ExpectedConditions.attributeToBe(By.id("form:iscedField"), "value", "0532"));
        browser.findElement(By.id("form:save")).click();

        wait.until(ExpectedConditions.urlContains("/admin/programmes/view.xhtml"));
        assertThat(field("programme-title").getText()).contains(word);
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("Draft");
        browser.findElement(By.id("actions:publish")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("actions:confirm-yes"))).click();
        wait.until(ExpectedConditions.textToBe(By.id("status"), "Published"));

        // the public, not logged in, finds it in the catalogue
        browser.manage().deleteAllCookies();
        browser.get(url("/catalogue/index.xhtml"));
        field("q").sendKeys(word.toLowerCase());
        browser.findElement(By.id("go")).click();
        WebElement result = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("a.result-title")));
        assertThat(result.getText()).isEqualTo(word + " for Water Boards");
        result.click();
        assertThat(field("verified").getText()).isEqualTo("Registered pilot micro-credential");
        assertThat(browser.findElement(By.id("fact-institution")).getText()).isEqualTo("Universiteit Leiden");
    }

    @Test
    void twoInstitutionAdminsApproveABilateralAgreementAndItTurnsActive() {
        // Leiden drafts and proposes it over the API
        String leiden = Api.login(base, "admin.leiden");
        var body = new java.util.HashMap<String, Object>();
        body.put("title", "Leiden - TU Delft: approved in the browser " + System.nanoTime());
        body.put("kind", "BILATERAL");
        body.put("parties", java.util.List.of("universiteit-leiden", "tu-delft"));
        body.put("effect", "ELECTIVE_CREDITS");
        body.put("terms", "Leiden micro-credentials count as electives at TU Delft, subject to the Board of Examiners.");
        body.put("validFrom", "2026-09-01");
        String id = Api.as(base, leiden).body(body).post("/api/agreements").then().statusCode(201).extract().path("id");
        Api.as(base, leiden).post("/api/agreements/" + id + "/propose").then().statusCode(200);
        String hash = Api.anonymous(base).header("Authorization", "Bearer " + leiden).get("/api/agreements/" + id).then().extract().path("termsHash");

        // each admin approves in the admin UI, seeing the hash they approve
        for (String admin : java.util.List.of("admin.leiden", "admin.tudelft")) {
            browser.manage().deleteAllCookies();
            browser.get(url("/admin/agreements/view.xhtml?id=" + id));
            login(admin, "demo");
            assertThat(field("status").getText()).isEqualTo("Proposed");
            assertThat(field("actions:approve-hash").getText()).contains(hash);
            wait.until(ExpectedConditions.elementToBeClickable(By.id("actions:approve"))).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.id("actions:confirm-yes"))).click();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("actions:approve")));
        }
        wait.until(ExpectedConditions.textToBe(By.id("status"), "Active"));
        assertThat(field("approvals").getText()).contains("Universiteit Leiden", "Technische Universiteit Delft");
        Api.anonymous(base).get("/api/agreements/" + id).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("ACTIVE"))
                .body("approvals.institution", org.hamcrest.Matchers.containsInAnyOrder("universiteit-leiden", "tu-delft"));

        // and the public page lists it
        browser.manage().deleteAllCookies();
        browser.get(url("/agreements.xhtml"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("list:agreements"), "approved in the browser"));
    }

    @Test
    void anInstitutionAdminDraftsAndProposesAnAgreementInTheForm() {
        String title = "HU - Leiden: drafted in the browser " + System.nanoTime();
        browser.get(url("/admin/agreements/edit.xhtml"));
        login("admin.hu", "demo");
        field("form:title").sendKeys(title);
        browser.findElement(By.cssSelector("label[for='form:kind:1']")).click(); // BILATERAL
        var js = (org.openqa.selenium.JavascriptExecutor) browser;
        wait.until(d -> (Boolean) js.executeScript("return !!(window.PF && PF('parties') && PF('effect'))"));
        // the admin's own institution is preselected; add the other party
        js.executeScript("PF('parties').selectValue('universiteit-leiden'); PF('effect').selectValue('ADMISSION');");
        browser.findElement(By.id("form:terms")).sendKeys("Leiden micro-credentials count towards admission to HU master programmes.");
        // the date pickers' text inputs are submitted as typed (pattern yyyy-MM-dd); set them directly, without the pop-ups
        setDate("form:validFrom_input", "2026-09-01");
        setDate("form:validUntil_input", "2026-08-01");
        browser.findElement(By.id("form:save")).click();
        // the rule broken is named at its field, and nothing is saved
        // in words, with the fields' labels: never the API's names
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("form"), "Valid until must be after \u201cValid from\u201d."));
        assertThat(browser.findElement(By.id("messages")).getText()).contains("Valid until must be after").doesNotContain("validFrom");
        assertThat(browser.getCurrentUrl()).contains("/admin/agreements/edit.xhtml");

        setDate("form:validUntil_input", "2029-08-31");
        browser.findElement(By.id("form:save")).click();
        wait.until(ExpectedConditions.urlContains("/admin/agreements/view.xhtml"));
        assertThat(field("agreement-title").getText()).contains(title);
        assertThat(field("status").getText()).isEqualTo("Draft");
        assertThat(field("fact-parties").getText()).contains("Hogeschool Utrecht", "Universiteit Leiden");
        assertThat(field("termsHash").getText()).matches("(?s).*[0-9a-f]{64}.*");

        wait.until(ExpectedConditions.elementToBeClickable(By.id("actions:propose"))).click();
        wait.until(ExpectedConditions.textToBe(By.id("status"), "Proposed"));
        String id = browser.getCurrentUrl().replaceAll(".*[?&]id=([^&]+).*", "$1");
        Api.as(base, Api.login(base, "admin.leiden")).get("/api/agreements/" + id).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("PROPOSED"))
                .body("effect", org.hamcrest.Matchers.equalTo("ADMISSION"))
                .body("validUntil", org.hamcrest.Matchers.equalTo("2029-08-31"));
    }

    @Test
    void aBoardMemberDecidesARequestFromTheInboxAndItLeavesTheOpenList() {
        // TU Delft records a request for the EEMCS board, over the API
        String admin = Api.login(base, "admin.tudelft");
        String programme = Api.anonymous(base).queryParam("institution", "universiteit-leiden").queryParam("pageSize", 1).get("/api/programmes")
                .then().extract().path("items[0].id");
        var body = new java.util.HashMap<String, Object>();
        body.put("learner", java.util.Map.of("name", "Browser Learner", "studentNumber", "s7654321"));
        body.put("programme", programme);
        body.put("awardedOn", java.time.LocalDate.now().minusMonths(2).toString());
        body.put("targetCourse", java.util.Map.of("code", "CSE1105", "title", "Object-Oriented Programming Project", "ects", 5));
        String reference = Api.as(base, admin).body(body).post("/api/exemption-requests").then().statusCode(201).extract().path("reference");

        browser.get(url("/admin/exemptions/index.xhtml"));
        login("board.tudelft", "demo");
        WebElement link = wait.until(ExpectedConditions.elementToBeClickable(By.linkText(reference)));
        link.click();
        wait.until(ExpectedConditions.textToBe(By.id("status"), "Submitted"));
        assertThat(field("learner").getText()).contains("Browser Learner");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("actions:review"))).click();
        wait.until(ExpectedConditions.textToBe(By.id("status"), "In review"));

        wait.until(ExpectedConditions.elementToBeClickable(By.id("actions:decide"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("actions:decisionMotivation")));
        browser.findElement(By.cssSelector("label[for='actions:outcome:0']")).click(); // GRANTED
        browser.findElement(By.id("actions:decisionMotivation")).sendKeys("The learning outcomes of the micro-credential cover the course.");
        browser.findElement(By.id("actions:confirm-decision")).click();
        wait.until(ExpectedConditions.textToBe(By.id("status"), "Decided"));
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("Examination Appeals Board");
        // people by name, outcomes and dates as people read them
        assertThat(field("decidedBy").getText()).isEqualTo("Dr. Sanne Bakker (BoE EEMCS)");
        String history = field("history").getText();
        assertThat(history).contains("Dr. Sanne Bakker (BoE EEMCS)", "Granted").doesNotContain("board.tudelft", "GRANTED")
                .containsPattern("\\d{1,2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}").doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}");
        assertThat(field("decidedOn").getText()).matches("\\d{1,2} [A-Z][a-z]{2} \\d{4}");

        // back in the inbox, open requests only: it is gone
        browser.get(url("/admin/exemptions/index.xhtml"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("list:requests")));
        assertThat(browser.findElement(By.id("list:requests")).getText()).doesNotContain(reference);
    }

    @Test
    void anInstitutionAdminRecordsARequestInTheFormAndItIsRoutedWithADeadline() {
        String programme = Api.anonymous(base).queryParam("institution", "universiteit-leiden").queryParam("pageSize", 1).get("/api/programmes")
                .then().extract().path("items[0].id");
        browser.get(url("/admin/exemptions/edit.xhtml"));
        login("admin.tudelft", "demo");
        var js = (org.openqa.selenium.JavascriptExecutor) browser;
        wait.until(d -> (Boolean) js.executeScript("return !!(window.PF && PF('programme'))"));
        js.executeScript("PF('programme').selectValue(arguments[0]);", programme);
        setDate("form:awardedOn_input", java.time.LocalDate.now().minusMonths(1).toString());
        browser.findElement(By.id("form:targetCourse_code")).sendKeys("CSE2000");
        browser.findElement(By.id("form:targetCourse_title")).sendKeys("Software Project");
        browser.findElement(By.id("form:targetCourse_ects_input")).sendKeys("5");
        // the learner's name is missing: the message is at that field, and nothing is recorded
        browser.findElement(By.id("form:save")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[id='form:learner_name'] ~ .ui-message-error")));
        assertThat(browser.getCurrentUrl()).contains("/admin/exemptions/edit.xhtml");

        String learner = "Form Learner " + System.nanoTime();
        field("form:learner_name").sendKeys(learner);
        browser.findElement(By.id("form:save")).click();
        wait.until(ExpectedConditions.urlContains("/admin/exemptions/view.xhtml"));
        assertThat(field("status").getText()).isEqualTo("Submitted");
        assertThat(field("learner").getText()).contains(learner);
        String body = browser.findElement(By.tagName("body")).getText();
        assertThat(body).containsPattern("TD-\\d{4}-\\d{6}");

        String id = browser.getCurrentUrl().replaceAll(".*[?&]id=([^&]+).*", "$1");
        Api.as(base, Api.login(base, "admin.tudelft")).get("/api/exemption-requests/" + id).then().statusCode(200)
                .body("learner.name", org.hamcrest.Matchers.equalTo(learner))
                .body("targetCourse.code", org.hamcrest.Matchers.equalTo("CSE2000"))
                .body("status", org.hamcrest.Matchers.equalTo("SUBMITTED"))
                .body("decisionDue", org.hamcrest.Matchers.notNullValue());
    }

    // ---- forms as PrimeFaces forms are meant to be (issue 12) ---------------------------------------

    /** Where the screenshots of the forms go: target/screenshots/, next to the test log. */
    private static Path screenshots() throws java.io.IOException {
        Path dir = Path.of(System.getProperty("registry.itLog", "target/payara-it.log")).toAbsolutePath().getParent().resolve("screenshots");
        Files.createDirectories(dir);
        return dir;
    }

    /** The page as a screen of this width shows it (1366: a laptop, 390: a phone). */
    private void width(int width, int height) {
        ((ChromeDriver) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
    }

    private void screenshot(String name, int width) throws Exception {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        int height = ((Number) js.executeScript("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")).intValue();
        width(width, Math.min(6000, height + 20));
        Thread.sleep(300);
        Path file = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.FILE).toPath();
        Files.copy(file, screenshots().resolve("form-" + name + "-" + width + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        width(width, 900);
    }

    /**
     * Every visible label of a form with its own input: both in the same field block, and the label directly above the
     * input (left-aligned with it) or directly left of it on the same line; the label of a radio button or check box
     * right of its box. An input's box is that of its visible widget (a select menu, a switch, a date picker).
     */
    private static final String LABEL_CHECK = """
            var root = document.querySelector(arguments[0]) || document.body, problems = [], checked = 0;
            function rect(r) { return '[' + Math.round(r.left) + ',' + Math.round(r.top) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height) + ']'; }
            function widget(el) {
                for (var e = el; e && e !== document.body; e = e.parentElement) {
                    var r = e.getBoundingClientRect();
                    if (!e.closest('.ui-helper-hidden-accessible') && r.width >= 12 && r.height >= 10) return r;
                }
                return null;
            }
            root.querySelectorAll('label[for]').forEach(function (label) {
                var L = label.getBoundingClientRect();
                if (L.width === 0 || L.height === 0 || label.closest('header')) return;
                var input = document.getElementById(label.htmlFor);
                if (!input) { problems.push(label.htmlFor + ': no input with this id'); return; }
                checked++;
                var I = widget(input);
                if (!I) { problems.push(label.htmlFor + ': its input is not visible'); return; }
                var field = label.closest('.field');
                if (!field || field !== input.closest('.field')) problems.push(label.htmlFor + ': label and input are in different field blocks');
                var overlap = L.top < I.bottom && L.bottom > I.top;
                if (label.closest('.ui-selectmanycheckbox, .ui-selectoneradio, .native-radios')) {
                    // the text of an option's label starts right of its box, on the same line
                    var range = document.createRange();
                    range.selectNodeContents(label);
                    var T = range.getClientRects()[0] || L;
                    var beside = T.top < I.bottom && T.bottom > I.top;
                    if (!(beside && T.left >= I.right - 2 && T.left - I.right < 40)) problems.push(label.htmlFor + ': option ' + rect(T) + ' not beside its box ' + rect(I));
                    return;
                }
                var above = L.bottom <= I.top + 4 && I.top - L.bottom < 48 && Math.abs(L.left - I.left) < 24;
                var left = L.right <= I.left + 4 && overlap && I.left - L.right < 240;
                if (!above && !left) problems.push(label.htmlFor + ': label ' + rect(L) + ' is neither directly above nor left of its input ' + rect(I));
            });
            return JSON.stringify({checked: checked, problems: problems});
            """;

    private void checkLabels(String name, String root, int width) throws Exception {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        wait.until(d -> "complete".equals(js.executeScript("return document.readyState")));
        Thread.sleep(300);
        String result = (String) js.executeScript(LABEL_CHECK, root);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(result);
        assertThat(json.get("checked").asInt()).as(name + " at " + width + " px: labels checked").isPositive();
        List<String> problems = new java.util.ArrayList<>();
        json.get("problems").forEach(p -> problems.add(p.asText()));
        assertThat(problems).as(name + " at " + width + " px").isEmpty();
        // nothing wider than the screen
        assertThat(((Number) js.executeScript("return document.documentElement.scrollWidth")).intValue()).as(name + " at " + width + " px: no sideways scrolling")
                .isLessThanOrEqualTo(width);
        screenshot(name, width);
    }

    private void checkForm(String name, String path, String root) throws Exception {
        for (int w : new int[] {1366, 390}) {
            width(w, 900);
            browser.get(url(path));
            checkLabels(name, root, w);
        }
    }

    /** The top bar on one line at 1366 px, the name on one line; the menu, collapsed where it does not fit, opens with its button. */
    private void checkTopBar(String displayName) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        for (int w : new int[] {1366, 1024, 390}) {
            width(w, 900);
            browser.get(url("/admin/institutions/index.xhtml"));
            wait.until(d -> "complete".equals(js.executeScript("return document.readyState")));
            WebElement who = field("who");
            assertThat(who.getAttribute("title")).isEqualTo(displayName);
            assertThat(who.getSize().getHeight()).as("the name on one line at " + w + " px").isLessThan(30);
            if (w >= 1024) {
                assertThat(browser.findElement(By.cssSelector("header.topbar")).getSize().getHeight()).as("the top bar on one line at " + w + " px").isLessThan(70);
            }
            boolean collapsed = (Boolean) js.executeScript("return document.querySelector('header.topbar').classList.contains('collapsed')");
            if (collapsed) {
                assertThat(browser.findElement(By.id("nav:programmes")).isDisplayed()).isFalse();
                browser.findElement(By.id("nav-toggle")).click();
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav:programmes")));
                assertThat(browser.findElement(By.id("nav-toggle")).getAttribute("aria-expanded")).isEqualTo("true");
            } else {
                assertThat(browser.findElement(By.id("nav:programmes")).isDisplayed()).isTrue();
            }
        }
    }

    @Test
    void everyFormKeepsEachLabelWithItsInputOnALaptopAndOnAPhone() throws Exception {
        checkForm("login", "/admin/login.xhtml", "main");

        browser.get(url("/admin/login.xhtml"));
        login("admin.tudelft", "demo");
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("login.xhtml")));
        checkTopBar("Pieter Jansen (TU Delft)");
        checkForm("programme", "/admin/programmes/edit.xhtml", "main");
        // the programme form in sections
        assertThat(browser.findElements(By.cssSelector("#form .form-section h2")).stream().map(WebElement::getText).toList())
                .containsExactly("Content", "Level and load", "Assessment", "Quality assurance", "Publication");
        checkForm("exemption-request", "/admin/exemptions/edit.xhtml", "main");
        checkForm("agreement", "/admin/agreements/edit.xhtml", "main");
        checkForm("board", "/admin/boards/edit.xhtml?institution=tu-delft", "main");

        browser.manage().deleteAllCookies();
        browser.get(url("/admin/login.xhtml"));
        login("coordinator", "demo");
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("login.xhtml")));
        checkForm("institution", "/admin/institutions/edit.xhtml?code=tu-delft", "main");

        // the dialogs of a request in review, as the board member who decides it
        String admin = Api.login(base, "admin.tudelft");
        String programme = Api.anonymous(base).queryParam("institution", "universiteit-leiden").queryParam("pageSize", 1).get("/api/programmes")
                .then().extract().path("items[0].id");
        var body = new java.util.HashMap<String, Object>();
        body.put("learner", Map.of("name", "Layout Learner", "studentNumber", "s7650001"));
        body.put("programme", programme);
        body.put("awardedOn", java.time.LocalDate.now().minusMonths(2).toString());
        body.put("targetCourse", Map.of("code", "CSE1500", "title", "Web and Database Technology", "ects", 5));
        String id = Api.as(base, admin).body(body).post("/api/exemption-requests").then().statusCode(201).extract().path("id");
        browser.manage().deleteAllCookies();
        width(1366, 900);
        browser.get(url("/admin/exemptions/view.xhtml?id=" + id));
        login("board.tudelft", "demo");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("actions:review"))).click();
        wait.until(ExpectedConditions.textToBe(By.id("status"), "In review"));
        JavascriptExecutor js = (JavascriptExecutor) browser;
        for (String dialog : List.of("decisionDialog", "extendDialog", "requestInformationDialog")) {
            for (int w : new int[] {1366, 390}) {
                width(w, 900);
                browser.get(url("/admin/exemptions/view.xhtml?id=" + id));
                wait.until(d -> (Boolean) js.executeScript("return !!(window.PF && PF(arguments[0]))", dialog));
                js.executeScript("PF(arguments[0]).show()", dialog);
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("actions:" + dialog)));
                Thread.sleep(400);
                checkLabels("dialog-" + dialog, "[id='actions:" + dialog + "']", w);
            }
        }
    }

    @Test
    void theCatalogueIgnoresABadFilterInWordsAndAnUnknownProgrammeIsA404() {
        // a bad EC bound: ignored and said so; the valid filter still applies
        browser.get(url("/catalogue/index.xhtml?minEcts=abc&participation=ONLINE"));
        WebElement ignored = field("ignored");
        assertThat(ignored.getText()).contains("Minimum EC", "abc", "not a number").doesNotContain("field.minEcts");
        assertThat(Integer.parseInt(field("result-count").getText().replaceAll("\\D.*", ""))).isPositive();
        // the facets offer only values that find programmes
        assertThat(browser.findElements(By.cssSelector("#nlqfLevel option, #institution option, #language option, #participation option")))
                .extracting(WebElement::getText).noneMatch(t -> t.endsWith("(0)"));
        assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("field.");

        // in Dutch too
        browser.get(url("/catalogue/index.xhtml?maxEcts=veel"));
        browser.findElement(By.id("nav:lang-nl")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Catalogus"));
        browser.get(url("/catalogue/index.xhtml?maxEcts=veel"));
        assertThat(field("ignored").getText()).contains("Maximaal EC", "veel", "genegeerd");

        // an unknown programme: a real 404, with a friendly page
        Api.anonymous(base).accept("text/html").get("/catalogue/programme.xhtml?id=no-such-programme").then().statusCode(404);
        browser.get(url("/catalogue/programme.xhtml?id=no-such-programme"));
        assertThat(field("not-found").getText()).contains("Niet gevonden");
        assertThat(browser.findElement(By.id("not-found-back")).getAttribute("href")).endsWith("/catalogue/index.xhtml");
    }

    private void setDate(String id, String value) {
        WebElement input = field(id);
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", input, value);
        wait.until(ExpectedConditions.attributeToBe(By.id(id), "value", value));
    }

    @Test
    void aCoordinatorSeesTheReportChartsAndHeatMapAndDownloadsTheWorkbook() throws Exception {
        Path downloads = Files.createTempDirectory("report-downloads");
        ((ChromeDriver) browser).executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toString(), "eventsEnabled", false));
        browser.get(url("/admin/reports/index.xhtml"));
        login("coordinator", "demo");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("report")));
        assertThat(field("total-received").getText()).matches("\\d+");
        // every chart is drawn by Chart.js into its canvas
        JavascriptExecutor js = (JavascriptExecutor) browser;
        for (String chart : List.of("programmesChart", "nlqfChart", "leadTimeChart", "outcomesChart")) {
            WebElement canvas = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[id='" + chart + "'] canvas")));
            wait.until(d -> Boolean.TRUE.equals(js.executeScript("return !!(window.Chart && Chart.getChart(arguments[0]))", canvas)));
            assertThat(((Number) js.executeScript("return Chart.getChart(arguments[0]).data.datasets.length", canvas)).intValue())
                    .as(chart).isPositive();
            assertThat(canvas.getSize().getWidth()).as(chart).isPositive();
        }
        // the heat map: a row and a column per member, the pilot's multilateral agreement colours every other cell
        List<WebElement> rows = browser.findElements(By.cssSelector("#heatmap tbody tr"));
        assertThat(rows).hasSizeGreaterThanOrEqualTo(34);
        assertThat(browser.findElements(By.cssSelector("#heatmap tbody td.heat.none"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#heatmap tbody td.heat.self"))).hasSize(rows.size());
        // the tables: one row per member, then the sectors and the total
        assertThat(field("tables").getText()).contains("Technische Universiteit Delft", "Total");

        browser.findElement(By.id("filters:xlsx")).click();
        Path workbook = null;
        for (int i = 0; i < 100 && workbook == null; i++) {
            try (var files = Files.list(downloads)) {
                workbook = files.filter(f -> f.getFileName().toString().matches("pilot-report_.*\\.xlsx")).findFirst().orElse(null);
            }
            if (workbook == null) Thread.sleep(200);
        }
        assertThat(workbook).as("the XLSX download").isNotNull();
        try (var book = new org.dhatim.fastexcel.reader.ReadableWorkbook(workbook.toFile())) {
            assertThat(book.getSheets().map(org.dhatim.fastexcel.reader.Sheet::getName).toList()).contains("Programmes", "Exemption requests");
        }
    }

    @Test
    void anInstitutionAdminSeesTheReportOfTheirOwnInstitutionOnly() {
        browser.get(url("/admin/reports/index.xhtml"));
        login("admin.leiden", "demo");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("report")));
        assertThat(browser.findElements(By.id("filters:institution"))).isEmpty();
        String tables = field("tables").getText();
        assertThat(tables).contains("Universiteit Leiden").doesNotContain("Technische Universiteit Delft");
    }
}
