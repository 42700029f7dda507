package dev.parley.bench.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bench's sign-in answered 502 (seen twice on a platform's first minute: auth-service ended the edge's connection
 * without an answer) or 503 is tried again, as a client would, instead of failing the run's set-up; other answers are
 * not.
 */
class SignInRetryTests {

    private static final String ACCESS_TOKEN = "e30." + Base64.getUrlEncoder().withoutPadding()
            .encodeToString("{\"sub\":\"user-1\"}".getBytes(StandardCharsets.UTF_8)) + ".sig";

    private final Deque<Integer> statuses = new ConcurrentLinkedDeque<>();
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicInteger busyRefusals = new AtomicInteger();
    /** Until when alice's logins are refused as busy; in the past: never. */
    private volatile long aliceBusyUntil = System.nanoTime() - 1;
    private String url;
    private HttpServer edge;
    private ParleyApi api;

    @BeforeEach
    void startEdge() throws IOException {
        edge = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        edge.createContext("/api/auth/login", exchange -> {
            logins.incrementAndGet();
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (request.contains("\"alice\"") && System.nanoTime() - aliceBusyUntil < 0) {
                busyRefusals.incrementAndGet();
                exchange.getResponseHeaders().set("Retry-After", "0"); // auth-service: too many wait to hash
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            Integer status = statuses.poll();
            int answer = status == null ? 200 : status;
            byte[] body = (answer == 200
                    ? "{\"accessToken\":\"" + ACCESS_TOKEN + "\",\"refreshToken\":\"r\"}"
                    : "{\"status\":" + answer + ",\"code\":\"refused\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        edge.start();
        url = "http://127.0.0.1:" + edge.getAddress().getPort();
        api = new ParleyApi(url);
    }

    @AfterEach
    void stopEdge() {
        edge.stop(0);
    }

    @Test
    void aLoginAnsweredBadGatewayIsTriedAgainAndSucceeds() {
        statuses.add(502);

        ParleyApi.Tokens tokens = api.login("alice", "secret");

        assertThat(tokens.userId()).isEqualTo("user-1");
        assertThat(logins).hasValue(2);
        assertThat(api.signInRetries()).isEqualTo(1);
        assertThat(api.busySignInRetries()).as("a 502 is not auth-service being busy").isZero();
    }

    @Test
    void aLoginStillUnavailableAfterThreeRetriesFailsTheSetUp() {
        for (int i = 0; i < 4; i++) {
            statuses.add(503);
        }

        assertThatThrownBy(() -> api.login("alice", "secret")).hasMessageContaining("HTTP 503");
        assertThat(logins).hasValue(4);
        assertThat(api.signInRetries()).isEqualTo(3);
    }

    @Test
    void aSignInRefusedAsBusyWaitsItsTurnWhileOtherSignInsGetThrough() throws Exception {
        ParleyApi patientForOneSecond = new ParleyApi(url, Duration.ofSeconds(1));
        aliceBusyUntil = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        AtomicBoolean othersDone = new AtomicBoolean();
        Thread others = Thread.ofVirtual().start(() -> {
            while (!othersDone.get()) {
                patientForOneSecond.login("bob", "secret");
                sleep(200);
            }
        });
        try {
            ParleyApi.Tokens tokens = patientForOneSecond.login("alice", "secret");

            assertThat(tokens.userId()).isEqualTo("user-1");
            assertThat(busyRefusals.get()).as("refused as busy, and again once the patience had passed").isGreaterThanOrEqualTo(2);
            assertThat(patientForOneSecond.busySignInRetries()).isPositive()
                    .isEqualTo(patientForOneSecond.signInRetries());
        } finally {
            othersDone.set(true);
            others.join();
        }
    }

    @Test
    void aSignInRefusedAsBusyGivesUpWhenNoSignInGetsThroughForThePatience() {
        ParleyApi patientForOneSecond = new ParleyApi(url, Duration.ofSeconds(1));
        aliceBusyUntil = System.nanoTime() + Duration.ofMinutes(5).toNanos();

        assertThatThrownBy(() -> patientForOneSecond.login("alice", "secret")).hasMessageContaining("HTTP 503");
        assertThat(busyRefusals.get()).isBetween(2, 3);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aLoginRefusedForItsPasswordIsNotTriedAgain() {
        statuses.add(401);

        assertThatThrownBy(() -> api.login("alice", "wrong")).hasMessageContaining("HTTP 401");
        assertThat(logins).hasValue(1);
        assertThat(api.signInRetries()).isZero();
    }
}
