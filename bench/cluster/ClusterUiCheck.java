import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The UI part of bench/cluster.sh: one admin UI session through the load balancer that must survive the loss of an
 * instance. Run with Java's source launcher against the project's test classpath (selenium-java):
 *
 * <pre>java -cp "$(cat cp.txt)" bench/cluster/ClusterUiCheck.java http://127.0.0.1:18000 /tmp/dir admin.hu</pre>
 *
 * Phase 1: logs in (password demo), opens the dashboard, writes {@code <dir>/ui-ready} and keeps that page open.
 * Then it waits (at most 15 minutes) for the file {@code <dir>/ui-go}, which the script creates after it killed an
 * instance. Phase 2: a Faces postback on the page rendered before the kill (the language switch to Dutch: its view
 * state must still be known), then five fresh dashboard loads and the switch back to English. Every step must find the
 * user still logged in (never the login page, never a new session cookie). Writes {@code <dir>/ui-result}: one line
 * per step and a last line PASS or FAIL; exits 0 on PASS.
 */
public class ClusterUiCheck {

    private static final List<String> lines = new ArrayList<>();
    private static Path dir;

    public static void main(String[] args) throws Exception {
        String base = args[0].replaceAll("/$", "");
        dir = Path.of(args[1]);
        String user = args.length > 2 ? args[2] : "admin.hu";
        System.setProperty("webdriver.chrome.driver", System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000", "--lang=en", "--user-agent=cluster-ui-check (HeadlessChrome)");
        WebDriver browser = new ChromeDriver(options);
        boolean pass = false;
        try {
            browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));

            // ---- phase 1: log in, land on the dashboard, keep it open
            browser.get(base + "/admin/index.xhtml");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login:username"))).sendKeys(user);
            browser.findElement(By.id("login:password")).sendKeys("demo");
            browser.findElement(By.id("login:submit")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("admin-dashboard")));
            browser.get(base + "/admin/index.xhtml");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("admin-dashboard")));
            String session = sessionId(browser);
            note("phase1 logged in as " + user + ", dashboard " + browser.getCurrentUrl() + ", session cookie " + abbreviate(session));
            Files.writeString(dir.resolve("ui-ready"), Instant.now().toEpochMilli() + " " + abbreviate(session) + "\n");

            Path go = dir.resolve("ui-go");
            for (int i = 0; i < 1800 && !Files.exists(go); i++) Thread.sleep(500);
            if (!Files.exists(go)) throw new IllegalStateException("no signal " + go + " within 15 minutes");

            // ---- phase 2: after the kill
            long started = System.currentTimeMillis();
            boolean ok = true;
            // a postback on the page that was rendered before the kill: its view state and the session must be found
            browser.findElement(By.id("nav:lang-nl")).click();
            ok &= step(browser, wait, "postback (language NL) on the page rendered before the kill", "Uitloggen", session, started);
            for (int i = 1; i <= 5; i++) {
                browser.get(base + "/admin/index.xhtml");
                ok &= step(browser, wait, "dashboard load " + i, "Uitloggen", session, started);
            }
            browser.findElement(By.id("nav:lang-en")).click();
            ok &= step(browser, wait, "postback (language EN)", "Log out", session, started);
            pass = ok;
        } catch (Exception e) {
            note("error: " + e.toString().split("\n")[0]);
        } finally {
            note(pass ? "PASS" : "FAIL");
            browser.quit();
        }
        System.exit(pass ? 0 : 1);
    }

    /** One check: the page is loaded, not the login page, the logout button reads {@code logout}, same session cookie. */
    private static boolean step(WebDriver browser, WebDriverWait wait, String what, String logout, String session, long started) {
        try {
            wait.until(d -> "complete".equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
            String url = browser.getCurrentUrl();
            boolean login = url.contains("/admin/login.xhtml") || !browser.findElements(By.id("login:username")).isEmpty();
            String button = browser.findElements(By.id("nav:logout")).isEmpty() ? "(no logout button)"
                    : browser.findElement(By.id("nav:logout")).getText().trim();
            String now = sessionId(browser);
            boolean ok = !login && logout.equals(button) && session.equals(now);
            note(String.format("+%5d ms %s: %s url=%s logout=%s session=%s", System.currentTimeMillis() - started, what,
                    ok ? "ok" : "NOT OK", url, button, session.equals(now) ? "same" : "CHANGED " + abbreviate(now)));
            return ok;
        } catch (Exception e) {
            note(what + ": error " + e.toString().split("\n")[0]);
            return false;
        }
    }

    private static String sessionId(WebDriver browser) {
        Cookie c = browser.manage().getCookieNamed("JSESSIONID");
        return c == null ? "-" : c.getValue();
    }

    private static String abbreviate(String s) {
        return s.length() > 12 ? s.substring(0, 12) + "..." : s;
    }

    private static void note(String line) {
        System.out.println(line);
        lines.add(line);
        try {
            Files.write(dir.resolve("ui-result"), lines);
        } catch (Exception ignored) {
            // the console has it
        }
    }
}
