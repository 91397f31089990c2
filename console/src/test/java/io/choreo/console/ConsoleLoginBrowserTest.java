package io.choreo.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.choreo.cluster.security.TestKeys;
import io.choreo.console.web.ConsoleAccess;
import io.choreo.console.web.ConsoleServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A console with a token in a real browser (headless Chromium, as {@link ConsoleBrowserTest}; skipped, saying so,
 * without it): the sessions list and the JSON API are refused and show the login form; a wrong token is refused; the
 * right one logs in with an HttpOnly, SameSite=Strict cookie that page scripts cannot read, and the list then follows
 * new sessions over the event stream with that cookie. 127.0.0.1:18022; about 15 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleLoginBrowserTest {
    static final int PORT = 18022;
    static final String TOKEN = "browser-token-" + Long.toHexString(System.nanoTime());

    ConsoleFixture fixture;
    ConsoleServer console;
    WebDriver browser;

    @BeforeAll
    void start() throws Exception {
        if (!ConsoleBrowserTest.browserInstalled()) {
            System.err.println(ConsoleBrowserTest.NO_BROWSER);
            return;
        }
        TestKeys keys = new TestKeys();
        Path token = TestKeys.secret(keys.dir().resolve("token"), TOKEN);
        fixture = new ConsoleFixture("ConsoleLoginBrowserTest");
        console = ConsoleServer.start(fixture.kit.system(), new ConsoleServer.Options("127.0.0.1", PORT, true, true,
                ConsoleAccess.of(token, null, null))).toCompletableFuture().get(20, TimeUnit.SECONDS);
        fixture.negotiation("secret-order-1");
        browser = ConsoleBrowserTest.headlessChromium();
    }

    @AfterAll
    void stop() throws Exception {
        ConsoleBrowserTest.close(browser, console, fixture);
    }

    @Test
    void refusesWithoutTheTokenAndLogsInWithIt() {
        assumeTrue(ConsoleBrowserTest.browserInstalled(), ConsoleBrowserTest.NO_BROWSER);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        String base = "http://127.0.0.1:" + PORT;

        browser.get(base + "/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login")));
        assertTrue(browser.findElements(By.id("sessions")).isEmpty(), "no sessions list without the token");
        assertFalse(browser.getPageSource().contains("secret-order-1"), "nothing of the sessions shows");
        browser.get(base + "/api/sessions");
        assertTrue(browser.getPageSource().contains("a token is required"), browser.getPageSource());
        browser.get(base + "/sessions/secret-order-1");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login")));

        browser.findElement(By.id("token")).sendKeys("not-the-" + TOKEN);
        browser.findElement(By.id("login-submit")).click();
        assertTrue(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error"))).getText()
                .contains("wrong token"));
        assertEquals(null, browser.manage().getCookieNamed("choreo-console"));

        browser.findElement(By.id("token")).sendKeys(TOKEN);
        browser.findElement(By.id("login-submit")).click();
        wait.until(d -> {
            d.navigate().refresh();     // the session log is written just after the session ends
            return d.findElements(By.linkText("secret-order-1")).isEmpty() ? null : true;
        });
        Cookie cookie = browser.manage().getCookieNamed("choreo-console");
        assertTrue(cookie.isHttpOnly(), cookie.toString());
        assertEquals("Strict", cookie.getSameSite(), cookie.toString());
        assertEquals("", ((JavascriptExecutor) browser).executeScript("return document.cookie"),
                "page scripts cannot read the session cookie");

        // the list follows new sessions over the event stream, which the cookie opens too (no reload here)
        fixture.negotiation("secret-order-2");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sessions"), "secret-order-2"));
    }
}
