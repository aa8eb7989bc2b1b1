package io.twinbridge.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.twinbridge.sandbox.fleet.AssetIncidents;

/**
 * The live dashboard in a real headless Chromium, fed by the running demo, signed in as {@code acme-viewer}: only
 * acme's cards, live values, sparklines, acme's own figures, a faulted turbine highlighted, no error in the browser's
 * console, and nothing of globex, not even in the feed read directly as that user while globex twins change. Signed
 * in as {@code ditto}, both tenants. Leaves a screenshot of the signed-in viewer in {@code target/dashboard.png}.
 */
@Tag("flow")
class DashboardPageTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** DemoFleet: two tenants, two devices of each of the four kinds. */
    private static final int FLEET_TWINS = DemoFleet.TENANTS.size() * 4 * 2;
    private static final String VIEWER = "acme-viewer";
    private static final String TENANT = "acme";
    private static final String OTHER = "globex";
    /** dashboard.max-users of this test's demo: the viewer's session, and one more. */
    private static final int MAX_USERS = 2;
    /**
     * The first tenant's turbine fault starts at once and outlasts the test; the next incidents (the filter at five
     * minutes, the other tenant's turbine at ten) come long after it.
     */
    private static final AssetIncidents FAULT_AT_ONCE = AssetIncidents.demo().withFirstAt(Duration.ZERO)
            .withTiming(Duration.ofMinutes(20), Duration.ofMinutes(10));

    @Test
    void aSignedInViewerSeesOnlyTheirTenantsTwinsUpdatingLiveAndDittoSeesBoth() throws Exception {
        String chromium = executable("chromium", "chromium-browser", "google-chrome");
        String chromedriver = executable("chromedriver");
        // Chromium starts while the demo does: each takes seconds
        CompletableFuture<WebDriver> starting = CompletableFuture.supplyAsync(() -> open(chromium, chromedriver));
        Demo demo;
        try {
            demo = Demo.start(DemoOptions.randomPorts(), FAULT_AT_ONCE,
                    Map.of("TWINBRIDGE_DASHBOARD_MAX_USERS", String.valueOf(MAX_USERS)));
        } catch (Exception | Error e) {
            starting.thenAccept(WebDriver::quit);
            throw e;
        }
        WebDriver browser = null;
        HttpResponse<Stream<String>> feed = null;
        try {
            assertTrue(TENANT.equals(DemoFleet.TENANTS.get(0)) && OTHER.equals(DemoFleet.TENANTS.get(1)));
            // without a sign-in, or with a wrong password: 401 and no data
            HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(demo.dashboardUrl()
                    + "dashboard/events")).header("Authorization", basic(VIEWER, "wrong")).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals(401, refused.statusCode());
            assertFalse(refused.body().contains(TENANT), refused.body());
            assertEquals(401, HTTP.send(HttpRequest.newBuilder(URI.create(demo.dashboardUrl())).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());

            // the viewer's own feed, read directly next to the page, as the page reads it
            List<String> feedLines = new CopyOnWriteArrayList<>();
            feed = HTTP.send(HttpRequest.newBuilder(URI.create(demo.dashboardUrl() + "dashboard/events"))
                    .header("Authorization", basic(VIEWER, VIEWER)).build(), HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, feed.statusCode());
            Stream<String> feedBody = feed.body();
            CompletableFuture.runAsync(() -> {
                try {
                    feedBody.forEach(feedLines::add);
                } catch (java.io.UncheckedIOException closedByTest) {
                    // the test closed the stream
                }
            });

            browser = starting.get(60, TimeUnit.SECONDS);
            signIn(browser, VIEWER, VIEWER);
            browser.get(demo.dashboardUrl());
            // the page redraws its figures every second: an element read between two redraws is stale, so every
            // read goes through the wait, which tries again
            WebDriverWait wait = new WebDriverWait(browser, WAIT, Duration.ofMillis(200));
            wait.ignoring(StaleElementReferenceException.class);

            // the viewer's tenant only: its section, and a card per simulated twin of it, grouped by kind
            wait.until(b -> b.findElements(By.cssSelector("article.card")).size() == FLEET_TWINS / 2);
            String section = "section.tenant[data-tenant='" + TENANT + "'] ";
            assertEquals(List.of("turbine", "robot", "hvac", "vehicle"), wait.until(d -> d.findElements(
                    By.cssSelector(section + ".kind")).stream().map(k -> k.getAttribute("data-kind")).toList()));
            int cards = wait.until(d -> d.findElements(By.cssSelector(section + "article.card")).size());
            assertEquals(FLEET_TWINS / 2, cards);
            assertEquals(List.of(TENANT), wait.until(d -> d.findElements(By.cssSelector("section.tenant")).stream()
                    .map(t -> t.getAttribute("data-tenant")).toList()));

            // a value shown changes while we watch: the robot's cycle count only ever grows
            By cycles = By.cssSelector("article.card[data-thing-id='acme:RBT-001'] .main-value");
            wait.until(b -> hasDigit(b.findElement(cycles).getText()));
            String before = wait.until(b -> b.findElement(cycles).getText());
            wait.until(b -> !b.findElement(cycles).getText().equals(before));

            // sparklines are drawn once a twin has two samples, and the gateway's figures arrive once a second
            wait.until(b -> b.findElements(By.cssSelector("article.card svg.spark polyline")).size() >= FLEET_TWINS / 2);
            String points = wait.until(b -> b.findElement(By.cssSelector("article.card svg.spark polyline"))
                    .getAttribute("points"));
            assertTrue(points.split(" ").length >= 2, points);
            wait.until(b -> hasDigit(b.findElement(By.id("stat-ingest")).getText())
                    && !b.findElement(By.id("stat-ingest")).getText().equals("0"));
            assertEquals("live", wait.until(b -> b.findElement(By.id("connection")).getText()));
            assertEquals("signed in as " + VIEWER, wait.until(b -> b.findElement(By.id("user")).getText()));
            // the totals are the viewer's tenant's, and the page says so
            assertEquals("your tenants on this instance", wait.until(b -> b.findElement(
                    By.id("stat-lag-note")).getText()));
            // the bounds come from the Thing Models through the snapshot: the turbine's power tooltip names them
            String range = wait.until(b -> b.findElement(By.cssSelector(
                    "article.card[data-thing-id='acme:WTG-001'] [data-path='rotor.speed']")).getAttribute("title"));
            assertEquals("range 0 … 25", range);

            // the tripped turbine is highlighted in red with its fault, and it is the only highlighted card
            wait.until(b -> b.findElements(By.cssSelector("article.card.faulted")).size() == 1);
            String faultedId = wait.until(b -> b.findElement(By.cssSelector("article.card.faulted"))
                    .getAttribute("data-thing-id"));
            assertTrue(faultedId.startsWith(DemoFleet.TENANTS.get(0) + ":WTG-"), faultedId);
            wait.until(b -> b.findElement(By.cssSelector("article.card.faulted .badge")).getText()
                    .matches("fault code \\d+"));
            String badgeTitle = wait.until(b -> b.findElement(By.cssSelector("article.card.faulted .badge"))
                    .getAttribute("title"));
            assertTrue(badgeTitle.matches("fault state · fault code \\d+"), badgeTitle);
            assertEquals("FAULT", wait.until(b -> b.findElement(
                    By.cssSelector("article.card.faulted [data-path='status.state']")).getText()));
            assertEquals(List.of(), browser.findElements(By.cssSelector("article.card.out-of-range")));
            assertEquals("1 need attention", wait.until(b -> b.findElement(By.cssSelector(
                    "section.tenant[data-tenant='" + DemoFleet.TENANTS.get(0) + "'] .alerts")).getText()));

            // the tenant's own figures sit next to its heading
            for (String tenant : List.of(TENANT)) {
                String figures = "section.tenant[data-tenant='" + tenant + "'] .tenant-stats ";
                wait.until(b -> b.findElements(By.cssSelector(figures + "[data-figure='applied'] dd")).size() == 1
                        && hasDigit(b.findElement(By.cssSelector(figures + "[data-figure='applied'] dd")).getText())
                        && !b.findElement(By.cssSelector(figures + "[data-figure='applied'] dd")).getText()
                                .equals("0"));
                assertEquals(List.of("in", "applied", "out", "DLQ", "lag"), wait.until(b -> b.findElements(
                        By.cssSelector(figures + "dt")).stream().map(WebElement::getText).toList()), tenant);
            }

            Path screenshot = Path.of("target", "dashboard.png");
            Files.createDirectories(screenshot.getParent());
            Files.write(screenshot, ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));

            List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
            assertEquals(List.of(), errors.stream().map(LogEntry::getMessage).toList(), "browser console errors");

            // globex's fleet kept changing all along, and a globex twin changes now: none of it reaches the viewer
            String globexThing = OTHER + ":WTG-901";
            assertEquals(201, putAsDitto(demo, globexThing, OTHER, 12).statusCode());
            String acmeThing = TENANT + ":WTG-901";
            assertEquals(201, putAsDitto(demo, acmeThing, TENANT, 12).statusCode());
            wait.until(b -> b.findElements(By.cssSelector("article.card[data-thing-id='" + acmeThing + "']"))
                    .size() == 1);
            Awaitility.await().atMost(WAIT).until(() -> String.join("\n", feedLines).contains(acmeThing));
            assertEquals(List.of(), browser.findElements(By.cssSelector("article.card[data-thing-id^='" + OTHER
                    + ":']")));
            assertFalse(browser.getPageSource().contains(OTHER), "globex on acme-viewer's page");
            String feedText = String.join("\n", feedLines);
            assertTrue(feedText.contains("event: stats") && feedText.contains(TENANT + ":RBT-001"), "feed read");
            assertFalse(feedText.contains(OTHER), "globex in acme-viewer's feed");

            // a value outside its Thing Model's range (only a writer that bypasses the gateway's validation can
            // store one) turns its card amber, naming the property, and marks the value
            String outlier = TENANT + ":WTG-900";
            HttpResponse<String> put = putAsDitto(demo, outlier, TENANT, 40);
            assertEquals(201, put.statusCode(), put.body());
            By outlierCard = By.cssSelector("article.card.out-of-range[data-thing-id='" + outlier + "']");
            wait.until(b -> b.findElements(outlierCard).size() == 1);
            String amberBadge = wait.until(b -> b.findElement(outlierCard).findElement(By.cssSelector(".badge"))
                    .getText());
            assertTrue(amberBadge.startsWith("out of range: "), amberBadge);
            String speedClass = wait.until(b -> b.findElement(outlierCard)
                    .findElement(By.cssSelector("[data-path='rotor.speed']")).getAttribute("class"));
            assertTrue(speedClass.contains("out"), speedClass);

            // the viewer (page and feed: one session) and globex-viewer fill the bound: the next person is told so
            HttpResponse<Stream<String>> second = HTTP.send(HttpRequest.newBuilder(URI.create(demo.dashboardUrl()
                    + "dashboard/events")).header("Authorization", basic("globex-viewer", "globex-viewer")).build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, second.statusCode());
            signIn(browser, "acme-operator", "acme-operator");
            browser.get(demo.dashboardUrl());
            String notice = wait.until(b -> {
                WebElement shown = b.findElement(By.id("notice"));
                return shown.isDisplayed() ? shown.getText() : null;
            });
            assertTrue(notice.contains("serves at most " + MAX_USERS + " signed-in people at once"), notice);
            assertEquals(List.of(), browser.findElements(By.cssSelector("article.card")));
            // once someone leaves, the page gets in by itself
            second.body().close();
            wait.until(b -> !b.findElement(By.id("notice")).isDisplayed()
                    && b.findElements(By.cssSelector("article.card")).size() >= FLEET_TWINS / 2);
            assertEquals("signed in as acme-operator", wait.until(b -> b.findElement(By.id("user")).getText()));

            // signed in as ditto, whom the tenant policies let read everything: both tenants
            signIn(browser, "ditto", "ditto");
            browser.get(demo.dashboardUrl());
            wait.until(b -> b.findElements(By.cssSelector("section.tenant")).stream()
                    .map(t -> t.getAttribute("data-tenant")).toList().equals(List.of(TENANT, OTHER)));
            wait.until(b -> b.findElements(By.cssSelector("article.card[data-thing-id^='" + OTHER + ":']")).size()
                    >= FLEET_TWINS / 2);
            wait.until(b -> b.findElements(By.cssSelector("section.tenant[data-tenant='" + OTHER
                    + "'] .tenant-stats [data-figure='applied'] dd")).size() == 1);
        } finally {
            if (feed != null) {
                feed.body().close();
            }
            if (browser != null) {
                browser.quit();
            }
            demo.stop(Duration.ofSeconds(10));
        }
    }

    /**
     * Signs the browser in as a Ditto user: from now on it sends the user's basic-auth header with every request,
     * as a browser does once the person answered the sign-in prompt (a headless browser shows no prompt).
     */
    private static void signIn(WebDriver browser, String user, String password) {
        ChromeDriver chrome = (ChromeDriver) browser;
        chrome.executeCdpCommand("Network.enable", Map.of());
        chrome.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers",
                Map.of("Authorization", basic(user, password))));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Creates a turbine in Ditto as {@code ditto}, past the gateway, with this rotor speed. */
    private static HttpResponse<String> putAsDitto(Demo demo, String thingId, String tenant, int rotorSpeed)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(demo.dittoThingsUrl() + "/" + thingId))
                        .header("Authorization", basic("ditto", "ditto"))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"policyId\":\"" + tenant
                                + ":tenant-policy\",\"attributes\":{\"model\":\"turbine\"},\"features\":{\"rotor\":"
                                + "{\"properties\":{\"speed\":" + rotorSpeed + "}}}}", StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static boolean hasDigit(String text) {
        return text.chars().anyMatch(Character::isDigit);
    }

    private static WebDriver open(String chromium, String chromedriver) {
        // Selenium warns on stderr that it has no DevTools binding for this Chromium; the test uses none
        java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        // a container has no sandbox support and a tiny /dev/shm
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1440,1200",
                "--hide-scrollbars");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver)).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** The first of {@code names} on the PATH; fails (never skips) when there is none, so CI cannot pass without it. */
    private static String executable(String... names) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin");
        for (String name : names) {
            Optional<Path> found = Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, name))
                    .filter(Files::isExecutable).findFirst();
            if (found.isPresent()) {
                return found.get().toString();
            }
        }
        return fail(names[0] + " not found on PATH: the dashboard test needs headless Chromium and chromedriver; run"
                + " .ci/ensure-chromium (Debian: apt-get install chromium chromium-driver)");
    }
}
