package dev.parley.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.infra.launcher.Component;
import dev.parley.system.Client.Answer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The web client the api-gateway serves, in real browsers (Debian's Chromium, headless, 1280×800): Ada and
 * Bob, each in a browser of their own, go through a conversation using every feature the platform has now.
 * Each step saves what both see as {@code target/screenshots/NN-step-<person>.png}, contract §6's too: a reply
 * in a thread, a reaction, a mention and an image attachment with its preview. Runs where
 * {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} exist; {@code .ci/run} installs them.
 */
@EnabledIf("dev.parley.system.WebClientPage#chromiumInstalled")
class WebClientBrowserTests {

    private final int gatewayPort = RunningPlatform.get().layout().port(Component.API_GATEWAY);
    private final Client http = new Client(gatewayPort);
    private final String suffix = UUID.randomUUID().toString().substring(0, 6);
    private final String lobby = "lobby-" + suffix;
    private final String notes = "notes-" + suffix;
    private final String archive = "archive-" + suffix;
    private WebClientPage ada;
    private WebClientPage bob;
    private int steps;

    @AfterEach
    void closeBrowsers() {
        if (ada != null) {
            ada.close();
        }
        if (bob != null) {
            bob.close();
        }
    }

    @Test
    void adaAndBobHaveAConversation() {
        String home = "http://127.0.0.1:" + gatewayPort + "/";
        ada = new WebClientPage(home, "ada");
        bob = new WebClientPage(home, "bob");
        String adaName = "ada" + suffix;
        String bobName = "bob" + suffix;

        step("signed-out", () -> {
            ada.open();
            assertThat(ada.displayed("signin")).as("the sign-in card").isTrue();
            assertThat(ada.displayed("app")).as("the app, before anyone signed in").isFalse();
        });

        step("signed-up", () -> {
            ada.register(adaName, "Ada");
            bob.open();
            bob.register(bobName, "Bob");
            for (WebClientPage person : List.of(ada, bob)) {
                assertThat(person.displayed("app")).isTrue();
                assertThat(person.displayed("signin")).isFalse();
                person.waitUntilOnline();
            }
        });

        step("room-created-and-joined", () -> {
            ada.createRoom(lobby);
            bob.joinPublicRoom(lobby);
        });

        step("talk", () -> {
            ada.say("hello from ada");
            bob.waitForBody(1, "hello from ada");
            assertThat(bob.senderOf(1)).as("the directory's name, not an id").isEqualTo("Ada").doesNotMatch("[0-9a-f]{8}.*");
            String markup = "<img src=x onerror=\"document.title='owned'\"> <b>bold?</b>";
            bob.say(markup);
            ada.waitForBody(2, markup);
            bob.waitForBody(2, markup);
            assertThat(ada.senderOf(2)).isEqualTo("Bob");
            assertThat(ada.markupElementsInMessages()).as("a body is text, never markup").isZero();
            assertThat(ada.script("return document.title")).isEqualTo("Parley");
        });

        step("presence-and-typing", () -> {
            ada.waitForText(By.id("room-presence"), "● 2 online");
            sleep(Duration.ofMillis(2500)); // typing is signalled at most once per 2 s: bob typed a moment ago
            // the indicator shows for 4 s only: noted as it changes, so that a slow machine cannot look too late
            ada.script("""
                    const typing = document.getElementById('typing');
                    window.typingShown = [];
                    new MutationObserver(() => typingShown.push(typing.textContent))
                        .observe(typing, { childList: true, characterData: true, subtree: true });
                    """);
            bob.type("on my way");
            ada.waitUntil(driver -> ada.script("return typingShown.includes('Bob is typing…')").equals(Boolean.TRUE));
            bob.pressEnter();
            ada.waitForBody(3, "on my way");
        });

        step("unread-then-read", () -> {
            ada.createRoom(notes); // lobby is no longer open (nor subscribed)
            bob.say("one");
            bob.say("two");
            bob.say("three");
            bob.waitForBody(6, "three");
            ada.waitForUnreadBadge(lobby, "3");
            ada.screenshot(String.format("%02d-unread-badge", steps));
            ada.openRoom(lobby);
            ada.waitForBody(6, "three");
            ada.waitForReadUpTo(lobby, 6); // seen on screen, so marked read
            ada.openRoom(notes);
            // read where it was seen: the server's count (asked afresh on each load) comes back as 0
            ada.waitUntil(driver -> {
                ada.reload();
                ada.waitForRoom(lobby);
                return ada.unreadBadge(lobby).isEmpty();
            });
        });

        step("scroll-back", () -> {
            ada.createRoom(archive);
            String archiveId = ada.roomId(archive);
            ada.openRoom(lobby);
            String bobsToken = login(bobName);
            assertThat(http.call("POST", "/api/rooms/" + archiveId + "/members", "{}", bobsToken).status()).isEqualTo(201);
            for (int n = 1; n <= 60; n++) {
                post(archiveId, bobsToken, "archived message " + n);
            }
            ada.openRoom(archive);
            ada.waitForBody(60, "archived message 60");
            assertThat(ada.showsMessage(1)).as("only the latest page at first").isFalse();
            assertThat(ada.displayed("older")).isTrue();
            ada.scrollBackToTheBeginning();
            assertThat(ada.bodyOf(1)).isEqualTo("archived message 1");
            ada.waitUntil(driver -> ada.displayed("timeline-start"));
        });

        step("leave", () -> {
            bob.waitForRoom(archive); // bob joined over HTTP: the list learns of it from the unread counts
            bob.openRoom(archive);
            bob.leaveRoom();
            bob.waitForNoRoom(archive);
            bob.waitForNotice("You left " + archive);
            sleep(Duration.ofMillis(700)); // a read marker sent after leaving would be refused within this
            assertThat(bob.notices()).as("nothing refused on the way out").noneMatch(notice -> notice.contains("not_member"));
        });

        step("edit", () -> {
            ada.openRoom(lobby);
            bob.openRoom(lobby);
            ada.edit(1, "hello again from ada");
            ada.waitForBody(1, "hello again from ada");
            bob.waitForBody(1, "hello again from ada");
            assertThat(bob.editedMark(1)).isTrue();
        });

        step("delete", () -> {
            ada.say("oops, wrong room");
            bob.waitForBody(7, "oops, wrong room");
            ada.delete(7);
            ada.waitForBody(7, "message deleted");
            bob.waitForBody(7, "message deleted");
        });

        step("thread", () -> {
            ada.replyInThread(1, "a reply in the thread");
            ada.waitUntil(driver -> ada.threadReplies().contains("a reply in the thread"));
            bob.waitUntil(driver -> bob.replyCountOf(1).equals("1 reply"));
            ada.closePanel();
        });

        step("reaction", () -> {
            bob.react(1, "\uD83D\uDC4D");
            ada.waitUntil(driver -> ada.reactionsOf(1).contains("\uD83D\uDC4D 1"));
            bob.waitUntil(driver -> bob.reactionsOf(1).contains("\uD83D\uDC4D 1"));
        });

        step("mention", () -> {
            ada.openRoom(notes);
            bob.say("@" + adaName + " have a look");
            bob.waitForBody(9, "@" + adaName + " have a look");
            ada.waitUntil(driver -> ada.mentionBadge(lobby).equals("@1"));
            ada.screenshot(String.format("%02d-mention-badge", steps));
            ada.openRoom(lobby);
            ada.waitForBody(9, "@" + adaName + " have a look");
            ada.waitUntil(driver -> ada.mentionsMe(9));
            assertThat(bob.mentionsMe(9)).as("only the one mentioned").isFalse();
        });

        step("attachment", () -> {
            ada.attach(picture());
            ada.say("the view from here");
            ada.waitForBody(10, "the view from here");
            bob.waitForBody(10, "the view from here");
            bob.waitUntil(driver -> bob.showsImagePreview(10));
        });

        step("direct-room", () -> {
            ada.openDirectRoomWith(bobName, "Bob");
            ada.say("psst, bob");
            ada.waitForBody(1, "psst, bob");
            bob.waitForRoom("Ada");
            bob.openRoom("Ada");
            bob.waitForBody(1, "psst, bob");
            bob.say("hi ada");
            ada.waitForBody(2, "hi ada");
        });

        String bobId = bob.script("return document.querySelector('#messages li[id=seq-2] .who').dataset.user").toString();
        step("members-and-roles", () -> {
            ada.openRoom(lobby);
            bob.openRoom(lobby);
            ada.openMembers();
            assertThat(ada.roleOf(bobId)).isEqualTo("member");
            ada.waitUntil(driver -> ada.shownOnline(bobId));
            ada.setRole(bobId, "admin");
            ada.setRole(bobId, "member");
        });

        step("kick", () -> {
            ada.kick(bobId);
            bob.waitForNotice("You were removed from " + lobby);
            bob.waitForNoRoom(lobby);
            bob.waitForText(By.id("room-name"), "Pick a room");
        });

        step("ban", () -> {
            bob.joinPublicRoom(lobby);
            ada.waitUntil(driver -> !driver.findElements(ada.member(bobId)).isEmpty());
            ada.ban(bobId);
            bob.waitForNotice("You were banned from " + lobby);
            bob.waitForNoRoom(lobby);
            assertThat(bob.joinPublicRoomRefused(lobby)).contains("banned");
            ada.closePanel();
        });

        step("search", () -> {
            List<WebElement> hello = ada.search("HELLO");
            assertThat(hello).hasSize(1);
            assertThat(hello.getFirst().getText()).contains("hello again from ada");
            assertThat(WebClientPage.highlights(hello.getFirst())).containsExactly("hello");
            List<WebElement> bold = ada.search("bold");
            assertThat(bold.getFirst().getText()).contains("<b>bold?</b>").contains("<img src=x");
            assertThat(WebClientPage.highlights(bold.getFirst())).containsExactly("bold");
            assertThat(ada.markupElementsInMessages()).as("a result is text too, only the match is marked").isZero();
        });

        step("reload-keeps-the-session", () -> {
            ada.reload();
            assertThat(ada.displayed("app")).isTrue();
            assertThat(ada.displayed("signin")).isFalse();
            ada.waitForText(By.id("me"), "Ada");
            ada.waitUntilOnline();
            ada.waitForText(By.id("room-name"), lobby); // the room that was open
            ada.waitForBody(1, "hello again from ada");
            String kept = String.valueOf(ada.script("return document.cookie + JSON.stringify(localStorage) + JSON.stringify(sessionStorage)"));
            assertThat(kept).as("no token readable by a script").doesNotContain("parley_refresh").doesNotContain("eyJ")
                    .doesNotContainIgnoringCase("token");
        });

        step("logout", () -> {
            ada.logOut();
            assertThat(ada.displayed("app")).isFalse();
            ada.reload();
            assertThat(ada.displayed("signin")).as("the session ended at the server too").isTrue();
            assertThat(ada.displayed("app")).isFalse();
            ada.logIn(adaName, "Ada");
            ada.waitUntilOnline();
        });
    }

    /** Runs one step of the walk-through, then saves what both people see. */
    private void step(String name, Runnable step) {
        String label = String.format("%02d-%s", ++steps, name);
        try {
            step.run();
        } catch (RuntimeException | AssertionError e) {
            ada.screenshot(label + "-failed");
            bob.screenshot(label + "-failed");
            throw new AssertionError("step " + label + " failed: " + e.getMessage(), e);
        }
        ada.screenshot(label);
        bob.screenshot(label);
    }

    private String login(String username) {
        Answer login = http.call("POST", "/api/auth/login",
                "{\"username\":\"%s\",\"password\":\"%s\"}".formatted(username, WebClientPage.PASSWORD), null);
        assertThat(login.status()).isEqualTo(200);
        return login.body().path("accessToken").asString();
    }

    /** Posts over HTTP, waiting out the per-user write limit (10/s, burst 20) when it answers 429. */
    private void post(String roomId, String token, String body) {
        String message = "{\"clientMsgId\":\"%s\",\"body\":\"%s\"}".formatted(UUID.randomUUID(), body);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Answer answer;
        while ((answer = http.call("POST", "/api/rooms/" + roomId + "/messages", message, token)).status() == 429
                && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(200));
        }
        assertThat(answer.status()).as("post %s: %s", body, answer).isEqualTo(201);
    }

    /** A small PNG (a 240×120 image in two colours), written for the upload. */
    private static java.nio.file.Path picture() {
        try {
            java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(240, 120,
                    java.awt.image.BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D paint = image.createGraphics();
            paint.setColor(new java.awt.Color(0x3366cc));
            paint.fillRect(0, 0, 240, 80);
            paint.setColor(new java.awt.Color(0x88bb44));
            paint.fillRect(0, 80, 240, 40);
            paint.dispose();
            java.nio.file.Path file = java.nio.file.Files.createTempFile("view", ".png");
            file.toFile().deleteOnExit();
            javax.imageio.ImageIO.write(image, "png", file.toFile());
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
