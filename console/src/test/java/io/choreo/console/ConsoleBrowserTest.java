package io.choreo.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.choreo.console.web.ConsoleServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser: headless Chromium driven by chromedriver (Debian's packages, installed by
 * {@code .ci/chromium.sh}; the test is skipped, saying so, when they are absent). It opens the sessions list, sees a
 * session of a run, opens its detail and finds the sequence diagram drawn by the bundled Mermaid; then the protocol
 * view and a failed session. Screenshots go to {@code target/screenshots} ({@code docs/} holds copies).
 * Size: two sessions, three pages; about 15 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {
    static final int PORT = 18020;
    static final Path CHROMIUM = Path.of(System.getProperty("choreo.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("choreo.chromedriver", "/usr/bin/chromedriver"));

    ConsoleFixture fixture;
    ConsoleServer console;
    WebDriver browser;
    final Path screenshots = Path.of("target", "screenshots");

    static final String NO_BROWSER = "SKIPPED: no browser for the console test: " + CHROMIUM + " and "
            + CHROMEDRIVER + " are needed (apt-get install chromium chromium-driver, or run .ci/chromium.sh)";

    static boolean browserInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @BeforeAll
    void start() throws Exception {
        if (!browserInstalled()) {
            System.err.println(NO_BROWSER);
            return;
        }
        fixture = new ConsoleFixture("ConsoleBrowserTest");
        console = fixture.console(PORT, true, true);
        fixture.negotiation("order-42");
        fixture.overBudget("bulk-transfer-7");
        browser = headlessChromium();
        Files.createDirectories(screenshots);
    }

    /** Headless Chromium driven by chromedriver (check {@link #browserInstalled} first). */
    static WebDriver headlessChromium() {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @AfterAll
    void stop() throws Exception {
        close(browser, console, fixture);
    }

    /** Quits the browser, closes the console and the fixture: each if it was started. */
    static void close(WebDriver browser, ConsoleServer console, ConsoleFixture fixture) throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (console != null) {
            console.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void opensTheConsoleSeesASessionOpensItsDetailAndFindsTheDiagram() throws Exception {
        assumeTrue(browserInstalled(), NO_BROWSER);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get("http://127.0.0.1:" + PORT + "/");
        WebElement link = wait.until(d -> {
            d.navigate().refresh();     // the session log is written just after the session ends
            List<WebElement> links = d.findElements(By.linkText("order-42"));
            return links.isEmpty() ? null : links.get(0);
        });
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sessions"), "bulk-transfer-7"));
        screenshot("console-sessions.png");
        link.click();

        WebElement diagram = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#sequence svg")));
        assertTrue(diagram.getText().contains("Offer") && diagram.getText().contains("Accept"),
                "the sequence diagram shows the messages: " + diagram.getText());
        assertEquals("finished", browser.findElement(By.cssSelector("#participants tbody tr td:nth-child(2)"))
                .getText());
        screenshot("console-session.png");

        browser.findElement(By.id("protocol-link")).click();
        wait.until(d -> d.findElements(By.cssSelector("pre.mermaid svg")).size() == 3 ? true : null);
        assertTrue(browser.findElement(By.cssSelector("#global svg")).getText().contains("accept"));
        browser.manage().window().setSize(new Dimension(1280, 1500));
        screenshot("console-protocol.png");
        browser.manage().window().setSize(new Dimension(1280, 1000));

        browser.get("http://127.0.0.1:" + PORT + "/sessions/bulk-transfer-7");
        WebElement failure = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("failure")));
        assertTrue(failure.getText().contains("BudgetExhausted"), failure.getText());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#sequence svg")));
        screenshot("console-failed-session.png");
    }

    private void screenshot(String name) throws Exception {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, screenshots.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
