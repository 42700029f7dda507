package dev.parley.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.infra.launcher.Component;
import dev.parley.infra.launcher.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web client the api-gateway serves, in a real browser (Debian's Chromium, headless): two people
 * sign up, one creates a room, the other finds and joins it, and they talk. Bodies are shown as text.
 * Runs where {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} exist; {@code .ci/run}
 * installs them.
 */
@EnabledIf("chromiumInstalled")
class WebClientBrowserTests {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final Platform platform = RunningPlatform.get();
    private final String home = "http://127.0.0.1:" + platform.layout().port(Component.API_GATEWAY) + "/";
    private final List<WebDriver> browsers = new ArrayList<>();

    static boolean chromiumInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    @Test
    void twoPeopleSignUpMeetInARoomAndTalk() throws IOException {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String room = "lobby-" + suffix;
        WebDriver ada = signUp("ada" + suffix);
        WebDriver bob = signUp("bob" + suffix);

        ada.findElement(By.cssSelector("#create-form input[name=name]")).sendKeys(room);
        ada.findElement(By.cssSelector("#create-form button")).click();
        waitFor(ada).until(ExpectedConditions.textToBe(By.id("room-name"), room));
        waitFor(ada).until(ExpectedConditions.textToBe(By.id("link"), "online"));

        bob.findElement(By.id("search")).sendKeys(room);
        // the list is drawn again as each typed character's search answers: find the button anew until a click lands
        By join = By.xpath("//ul[@id='public']/li[starts-with(normalize-space(.), '" + room + "')]//button");
        waitFor(bob).ignoring(StaleElementReferenceException.class).until(driver -> {
            driver.findElement(join).click();
            return true;
        });
        waitFor(bob).until(ExpectedConditions.textToBe(By.id("room-name"), room));
        waitFor(bob).until(ExpectedConditions.textToBe(By.id("link"), "online"));

        say(ada, "hello from ada");
        assertThat(seen(bob, 1)).contains("hello from ada");
        String markup = "<img src=x onerror=\"document.title='owned'\"> <b>bold?</b>";
        say(bob, markup);
        assertThat(seen(ada, 2)).contains(markup);
        assertThat(seen(bob, 2)).contains(markup);
        assertThat(ada.findElements(By.cssSelector("#messages img, #messages b"))).as("a body is text, never markup").isEmpty();
        assertThat(ada.getTitle()).isEqualTo("Parley");
    }

    private WebDriver signUp(String username) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + Files.createTempDirectory("parley-browser-"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        browsers.add(browser);
        browser.get(home);
        browser.findElement(By.name("username")).sendKeys(username);
        browser.findElement(By.name("password")).sendKeys("correct horse battery");
        browser.findElement(By.cssSelector("button[value=register]")).click();
        waitFor(browser).until(ExpectedConditions.textToBe(By.id("me"), username));
        return browser;
    }

    private static void say(WebDriver browser, String body) {
        browser.findElement(By.cssSelector("#send-form textarea")).sendKeys(body);
        browser.findElement(By.cssSelector("#send-form button")).click();
    }

    /** The bodies shown once the room shows message {@code seq} (rendered from a pushed, sequenced message). */
    private static List<String> seen(WebDriver browser, long seq) {
        waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("seq-" + seq)));
        return browser.findElements(By.cssSelector("#messages li[id^=seq-] span:nth-child(2)")).stream()
                .map(WebElement::getText).toList();
    }

    private static WebDriverWait waitFor(WebDriver browser) {
        return new WebDriverWait(browser, PATIENCE);
    }
}
