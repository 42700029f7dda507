package dev.parley.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

/**
 * One person using the web client in their own headless Chromium: what they can do and see, in the
 * page's own terms (its element ids and classes), so that the walk-through reads as a story. Waits are
 * built in: every action waits for what it needs to be there.
 */
final class WebClientPage implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/screenshots");
    static final String PASSWORD = "correct horse battery";
    /** How long a person waits for something to show; polling for unread counts takes up to 10 s. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final WebDriver browser;
    /** The browser's profile, removed when the page closes. */
    private final Path profile;
    private final String home;
    final String person;

    WebClientPage(String home, String person) {
        this.home = home;
        this.person = person;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        try {
            profile = Files.createTempDirectory("parley-browser-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,800", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    static boolean chromiumInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @Override
    public void close() {
        try {
            browser.quit();
        } finally {
            try {
                FileSystemUtils.deleteRecursively(profile);
            } catch (IOException e) {
                // best effort: a browser helper process still writing there must not fail the test
            }
        }
    }

    // ---- signing in and out

    void open() {
        browser.get(home);
        waitUntil(driver -> displayed("signin") || displayed("app"));
    }

    void reload() {
        browser.navigate().refresh();
        waitUntil(driver -> displayed("signin") || displayed("app"));
    }

    void register(String username, String displayName) {
        signInForm(username);
        find(By.cssSelector("#signin-form input[name=displayName]")).sendKeys(displayName);
        find(By.cssSelector("#signin-form button[value=register]")).click();
        waitForText(By.id("me"), displayName);
    }

    void logIn(String username, String displayName) {
        signInForm(username);
        find(By.cssSelector("#signin-form button[value=login]")).click();
        waitForText(By.id("me"), displayName);
    }

    private void signInForm(String username) {
        WebElement name = find(By.cssSelector("#signin-form input[name=username]"));
        name.clear();
        name.sendKeys(username);
        find(By.cssSelector("#signin-form input[name=password]")).sendKeys(PASSWORD);
    }

    void logOut() {
        find(By.id("logout")).click();
        waitUntil(driver -> displayed("signin") && !displayed("app"));
    }

    boolean displayed(String id) {
        List<WebElement> found = browser.findElements(By.id(id));
        return !found.isEmpty() && found.getFirst().isDisplayed();
    }

    String text(String id) {
        return find(By.id(id)).getText();
    }

    void waitUntilOnline() {
        waitForText(By.id("connection"), "online");
    }

    // ---- rooms

    void createRoom(String name) {
        find(By.cssSelector("#create-form input[name=name]")).sendKeys(name);
        find(By.cssSelector("#create-form button")).click();
        waitForText(By.id("room-name"), name);
    }

    void joinPublicRoom(String name) {
        WebElement search = find(By.id("public-search"));
        search.clear();
        search.sendKeys(name);
        // the list is drawn again as each search answers: find the button anew until a click lands
        clickWhenThere(By.xpath("//ul[@id='public']/li[span[@class='room-label' and normalize-space(.)='" + name + "']]//button"));
        waitForText(By.id("room-name"), name);
    }

    /** Tries to join and expects a refusal; returns the notice shown. */
    String joinPublicRoomRefused(String name) {
        WebElement search = find(By.id("public-search"));
        search.clear();
        search.sendKeys(name);
        clickWhenThere(By.xpath("//ul[@id='public']/li[span[@class='room-label' and normalize-space(.)='" + name + "']]//button"));
        return waitUntil(driver -> notices().stream().filter(notice -> notice.startsWith("Join " + name)).findFirst().orElse(null));
    }

    void openRoom(String label) {
        clickWhenThere(roomInList(label));
        waitForText(By.id("room-name"), label);
    }

    By roomInList(String label) {
        return By.xpath("//ul[contains(@class,'rooms')]/li[.//span[contains(@class,'room-label') and normalize-space(.)='" + label + "']]");
    }

    boolean hasRoom(String label) {
        return !browser.findElements(roomInList(label)).isEmpty();
    }

    void waitForRoom(String label) {
        waitUntil(driver -> hasRoom(label));
    }

    void waitForNoRoom(String label) {
        waitUntil(driver -> !hasRoom(label));
    }

    String roomId(String label) {
        return find(roomInList(label)).getDomAttribute("data-id");
    }

    /** The unread badge of a room in the list ("" when it has none). */
    String unreadBadge(String label) {
        List<WebElement> badge = browser.findElements(By.xpath(
                "//ul[contains(@class,'rooms')]/li[.//span[contains(@class,'room-label') and normalize-space(.)='" + label + "']]"
                        + "/span[contains(@class,'unread-count')]"));
        return badge.isEmpty() ? "" : badge.getFirst().getText();
    }

    /** The room's mention badge in the room list ("@2"), or "" when nothing unread mentions the person. */
    String mentionBadge(String label) {
        List<WebElement> badge = browser.findElements(By.xpath(
                "//ul[contains(@class,'rooms')]/li[.//span[contains(@class,'room-label') and normalize-space(.)='" + label + "']]"
                        + "//span[contains(@class,'mention')]"));
        return badge.isEmpty() ? "" : badge.getFirst().getText();
    }

    /** Waits until the client has marked the room read up to {@code seq} (what the room list knows of it). */
    void waitForReadUpTo(String label, long seq) {
        waitUntil(driver -> Long.parseLong(find(roomInList(label)).getDomAttribute("data-read-seq")) >= seq);
    }

    void waitForUnreadBadge(String label, String count) {
        waitUntil(driver -> unreadBadge(label).equals(count));
    }

    void leaveRoom() {
        WebElement leave = find(By.id("leave-button"));
        leave.click();
        leave.click(); // "Leave …?" — yes
    }

    void openDirectRoomWith(String username, String displayName) {
        WebElement search = find(By.id("people-search"));
        search.clear();
        search.sendKeys(username);
        clickWhenThere(By.cssSelector("#people li[data-user] button.message-user"));
        waitForText(By.id("room-name"), displayName);
    }

    // ---- messages

    void say(String body) {
        WebElement input = find(By.cssSelector("#send-form textarea"));
        input.sendKeys(body);
        input.sendKeys(Keys.ENTER);
    }

    /** Sends what has been typed. */
    void pressEnter() {
        find(By.cssSelector("#send-form textarea")).sendKeys(Keys.ENTER);
    }

    void type(String text) {
        find(By.cssSelector("#send-form textarea")).sendKeys(text);
    }

    /** The message with this seq, once the room shows it (rendered from history or a sequenced push). */
    WebElement message(long seq) {
        return find(By.id("seq-" + seq));
    }

    boolean showsMessage(long seq) {
        return !browser.findElements(By.id("seq-" + seq)).isEmpty();
    }

    String bodyOf(long seq) {
        return message(seq).findElement(By.className("body")).getText();
    }

    String senderOf(long seq) {
        return message(seq).findElement(By.className("who")).getText();
    }

    void waitForBody(long seq, String body) {
        waitUntil(driver -> showsMessage(seq) && bodyOf(seq).equals(body));
    }

    List<String> bodies() {
        return browser.findElements(By.cssSelector("#messages li[id^=seq-] .body")).stream().map(WebElement::getText).toList();
    }

    int markupElementsInMessages() {
        // an attachment's preview is the client's own image, not a body's markup
        return browser.findElements(By.cssSelector("#messages img:not(.attachments img), #messages b, "
                + "#panel-body img:not(.attachments img), #panel-body b")).size();
    }

    /** Scrolls the timeline to its top, again and again, until message 1 is there. */
    void scrollBackToTheBeginning() {
        waitUntil(driver -> {
            ((JavascriptExecutor) driver).executeScript("document.getElementById('timeline').scrollTop = 0");
            return showsMessage(1);
        });
    }

    void edit(long seq, String body) {
        WebElement message = message(seq);
        message.findElement(By.cssSelector(".actions button.edit")).click();
        WebElement editor = message.findElement(By.cssSelector(".editor textarea"));
        editor.clear();
        editor.sendKeys(body);
        editor.sendKeys(Keys.ENTER);
    }

    void delete(long seq) {
        WebElement message = message(seq);
        message.findElement(By.cssSelector(".actions button.delete")).click();
        message.findElement(By.cssSelector(".actions button.confirm-delete")).click();
    }

    boolean editedMark(long seq) {
        return !message(seq).findElements(By.className("edited")).isEmpty();
    }

    // ---- members and moderation

    void openMembers() {
        find(By.id("members-button")).click();
        find(By.cssSelector("#panel ul.members li"));
    }

    By member(String userId) {
        return By.cssSelector("#panel ul.members li[data-user='" + userId + "']");
    }

    String roleOf(String userId) {
        return find(member(userId)).findElement(By.className("role")).getText();
    }

    boolean shownOnline(String userId) {
        return find(member(userId)).findElement(By.className("dot")).getDomAttribute("class").contains("online");
    }

    void setRole(String userId, String role) {
        new Select(find(member(userId)).findElement(By.className("role-select"))).selectByValue(role);
        waitUntil(driver -> roleOf(userId).equals(role));
    }

    void kick(String userId) {
        find(member(userId)).findElement(By.cssSelector("button.kick")).click();
        waitUntil(driver -> driver.findElements(member(userId)).isEmpty());
    }

    void ban(String userId) {
        find(member(userId)).findElement(By.cssSelector("button.ban")).click();
        waitUntil(driver -> driver.findElements(member(userId)).isEmpty());
    }

    void closePanel() {
        find(By.id("panel-close")).click();
    }

    /** The notices shown now. */
    List<String> notices() {
        return browser.findElements(By.cssSelector("#toasts .toast")).stream().map(WebElement::getText).toList();
    }

    void waitForNotice(String part) {
        waitUntil(driver -> notices().stream().anyMatch(notice -> notice.contains(part)));
    }

    // ---- search

    /** Searches messages; the results' bodies as shown, and the highlighted parts of each. */
    List<WebElement> search(String q) {
        WebElement input = find(By.id("search-input"));
        input.clear();
        input.sendKeys(q);
        input.sendKeys(Keys.ENTER);
        find(By.cssSelector("#panel ol.results li.result"));
        return browser.findElements(By.cssSelector("#panel ol.results li.result"));
    }

    static List<String> highlights(WebElement result) {
        return result.findElements(By.cssSelector(".body mark")).stream().map(WebElement::getText).toList();
    }

    // ---- contract §6 (their steps join the walk-through once the backend is in)

    /** Replies to message {@code seq} in its thread (the side panel). */
    void replyInThread(long seq, String body) {
        message(seq).findElement(By.cssSelector(".actions button.reply")).click();
        WebElement input = find(By.cssSelector("#panel .thread-form textarea"));
        input.sendKeys(body);
        input.sendKeys(Keys.ENTER);
    }

    /** The replies shown in the open thread panel. */
    List<String> threadReplies() {
        return browser.findElements(By.cssSelector("#panel ol.thread li .body")).stream().map(WebElement::getText).toList();
    }

    String replyCountOf(long seq) {
        return message(seq).findElement(By.cssSelector(".thread-link button")).getText();
    }

    /** Reacts to message {@code seq} with one of the picker's emoji. */
    void react(long seq, String emoji) {
        WebElement message = message(seq);
        message.findElement(By.cssSelector(".actions button.react")).click();
        message.findElement(By.cssSelector(".picker button[data-emoji='" + emoji + "']")).click();
    }

    /** The reactions of message {@code seq} as shown, e.g. "👍 2". */
    List<String> reactionsOf(long seq) {
        return message(seq).findElements(By.cssSelector(".reactions .reaction")).stream().map(WebElement::getText).toList();
    }

    /** Whether message {@code seq} is marked as mentioning the person. */
    boolean mentionsMe(long seq) {
        return message(seq).getDomAttribute("class").contains("mentions-me");
    }

    /** Attaches a file to the next message; waits until it is uploaded. */
    void attach(Path file) {
        // the input itself is hidden behind its label, and WebDriver types into a file input all the same
        new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.presenceOfElementLocated(By.id("attach")))
                .sendKeys(file.toAbsolutePath().toString());
        waitUntil(driver -> !driver.findElements(By.cssSelector("#attachments .chip:not([data-file=''])")).isEmpty());
    }

    /** Whether message {@code seq} shows an image preview that has loaded (an object URL from the fetched bytes). */
    boolean showsImagePreview(long seq) {
        return message(seq).findElements(By.cssSelector(".attachments img")).stream().anyMatch(image ->
                String.valueOf(image.getDomProperty("src")).startsWith("blob:")
                        && Boolean.TRUE.equals(((JavascriptExecutor) browser).executeScript(
                        "return arguments[0].complete && arguments[0].naturalWidth > 0", image)));
    }

    // ---- looking

    Object script(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    /** Saves what the person sees as {@code target/screenshots/<name>-<person>.png}. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + "-" + person + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WebElement find(By by) {
        return new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class)
                .until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void waitForText(By by, String text) {
        new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class)
                .until(ExpectedConditions.textToBe(by, text));
    }

    <T> T waitUntil(Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class).ignoring(ElementNotInteractableException.class).until(condition);
    }

    private void clickWhenThere(By by) {
        waitUntil(driver -> {
            driver.findElement(by).click();
            return true;
        });
    }
}
