package dev.parley.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.parley.testing.ProblemAssert;
import dev.parley.testing.RawHttp;
import dev.parley.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import reactor.netty.DisposableServer;

/**
 * A slow client holds no thread of a service (ADR 0029): a JSON body is read whole at the edge within its deadline
 * before any service sees the request, else 408 {@code request_timeout}; an upload streams through at a minimum pace
 * and within a longest duration, its answer's limit counted from its end, and one user has only a few in flight; a
 * connection that never completes a request's head is closed. A quiet WebSocket and a long answer are untouched.
 * Every limit is short here (the defaults: 10 s, 4 KB/s over 10 s, 10 min, 4, 75 s).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// not a dynamic property: BodyBudget's context overrides it
@TestPropertySource(properties = "parley.edge.slow-clients.body-timeout=" + SlowClientTests.BODY_TIMEOUT_MS + "ms")
class SlowClientTests {

    static final long BODY_TIMEOUT_MS = 1000;
    private static final Duration BODY_TIMEOUT = Duration.ofMillis(BODY_TIMEOUT_MS);
    private static final Duration UPLOAD_WINDOW = Duration.ofSeconds(1);
    private static final Duration UPLOAD_MAX = Duration.ofSeconds(6);
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration ANSWER_LIMIT = Duration.ofSeconds(2);
    private static final int BODY_BYTES_PER_INSTANCE = 2500;
    /** What a busy two-core machine may add to a deadline. */
    private static final Duration MARGIN = Duration.ofMillis(1500);

    private static final Service SERVICE = new Service();
    private static final DisposableServer CHAT = reactor.netty.http.server.HttpServer.create().host("127.0.0.1").port(0)
            .handle((request, response) -> response.sendWebsocket((in, out) -> out.sendString(
                    in.receive().asString().map(text -> "echo " + text)))).bindNow();

    @LocalServerPort
    int port;

    @Autowired
    SlowClientProperties limits;

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        EdgeTestEnvironment.register(registry);
        registry.add("ROOM_SERVICE_URL", SERVICE::url);
        registry.add("MESSAGE_SERVICE_URL", SERVICE::url);
        registry.add("WS_GATEWAY_URL", () -> "ws://127.0.0.1:" + CHAT.port());
        registry.add("parley.edge.slow-clients.body-bytes-per-address", () -> "300B");
        registry.add("parley.edge.slow-clients.body-bytes-per-instance", () -> BODY_BYTES_PER_INSTANCE + "B");
        registry.add("parley.edge.slow-clients.upload-window", () -> UPLOAD_WINDOW.toMillis() + "ms");
        registry.add("parley.edge.slow-clients.upload-min-rate", () -> "2KB");
        registry.add("parley.edge.slow-clients.upload-max-duration", () -> UPLOAD_MAX.toMillis() + "ms");
        registry.add("server.netty.idle-timeout", () -> IDLE_TIMEOUT.toMillis() + "ms");
        registry.add("PARLEY_GATEWAY_RESPONSE_TIMEOUT", () -> ANSWER_LIMIT.toMillis() + "ms");
    }

    @AfterAll
    static void stop() {
        SERVICE.close();
        CHAT.disposeNow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Length: 100", "Transfer-Encoding: chunked"})
    void aJsonBodySentSlowerThanItsDeadlineIs408AndNoServiceEverSeesTheRequest(String framing) throws Exception {
        String tag = "slow-json-" + framing.charAt(0);
        try (Raw client = new Raw(port)) {
            client.send(head("POST", "/api/rooms", tag, token(), "Content-Type: application/json", framing));
            long started = System.nanoTime();
            client.trickle(100, 1, Duration.ofMillis(200), framing.startsWith("Transfer") ? Raw::chunk : Raw::bytes);

            Answer answer = client.answer();
            assertProblem(answer, 408, "request_timeout");
            assertThat(since(started)).isLessThan(BODY_TIMEOUT.plus(MARGIN));
            assertThat(answer.header("connection")).isEqualTo("close");
            assertThat(client.closedWithin(MARGIN)).as("the connection is closed").isTrue();
        }
        assertThat(SERVICE.heads()).as("no service has seen the request").doesNotContain(tag);
    }

    /**
     * What the edge holds for one address stays bounded: bodies arriving at once may declare 300 bytes together here,
     * and one more is refused before it is read; small bodies are next to nothing of it, however many at once.
     */
    @Test
    void anAddressMayHaveOnlySoManyBytesOfBodiesArrivingAtOnce() throws Exception {
        long fit = limits.bodyBytesPerAddress().toBytes() / 100;
        List<Raw> clients = new ArrayList<>();
        try {
            for (int i = 0; i <= fit; i++) {
                Raw client = new Raw(port, "127.0.0.7");
                clients.add(client);
                client.send(head("POST", "/api/rooms", "arriving-" + i, token(), "Content-Type: application/json",
                        "Content-Length: 100") + "{");
            }
            assertThat(post("/api/rooms", token(), "from-another-address").statusCode()).as("another address")
                    .isEqualTo(200);
            List<Integer> statuses = new ArrayList<>();
            for (Raw client : clients) {
                Answer answer = client.answer();
                assertProblem(answer, answer.status(), answer.status() == 429 ? "rate_limited" : "request_timeout");
                statuses.add(answer.status());
            }
            assertThat(statuses).as("all but one wait for their bodies, and time out").containsOnly(408, 429)
                    .filteredOn(status -> status == 429).hasSize(1);
        } finally {
            for (Raw client : clients) {
                client.close();
            }
        }
        EdgeClient smallBodies = new EdgeClient(port, "127.0.0.7");
        List<CompletableFuture<HttpResponse<String>>> many = IntStream.range(0, 50)
                .mapToObj(i -> smallBodies.sendAsync("POST", "/api/rooms", token())).toList();
        assertThat(many).as("50 bodies of 2 bytes at once").allSatisfy(answer -> assertThat(answer.join().statusCode())
                .isEqualTo(200));
    }

    /** The rest of a small body refused before it was read is drained: its connection carries the next request. */
    @Test
    void aSmallRefusedBodyLeavesItsConnectionUsable() throws Exception {
        String body = "{\"name\":\"refused\"}";
        try (Raw client = new Raw(port)) {
            client.send(head("POST", "/api/rooms", "refused-small", "not-a-token", "Content-Type: application/json",
                    "Content-Length: " + body.length()) + body);
            Answer refused = client.answer();
            assertProblem(refused, 401, "unauthorized");
            assertThat(refused.header("connection")).isNull();

            client.send(head("GET", "/api/rooms", "after-the-refusal", token(), "Accept: application/json"));
            Answer next = client.answer();
            assertThat(next.status()).as(next.toString()).isEqualTo(200);
        }
    }

    /**
     * The rest of a refused body is dropped, and may take no longer than a body may (ADR 0030): trickled, its
     * connection is closed — however large it says it is, or whether it says at all.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Content-Length: 1000", "Content-Length: 1000000", "Transfer-Encoding: chunked"})
    void aRefusedBodyTrickledAfterItsAnswerHoldsItsConnectionNoLongerThanABodyMayTake(String framing)
            throws Exception {
        IntFunction<byte[]> pieces = framing.startsWith("Transfer") ? Raw::chunk : Raw::bytes;
        try (Raw client = new Raw(port)) {
            client.send(head("POST", "/api/rooms", "refused-trickled", "not-a-token", "Content-Type: application/json",
                    framing));
            client.send(pieces.apply(10));
            Answer refused = client.answer();
            assertProblem(refused, 401, "unauthorized");
            client.trickle(900, 1, Duration.ofMillis(100), pieces); // more often than the idle timeout

            assertThat(client.closedWithin(BODY_TIMEOUT.plus(MARGIN))).as("closed while the rest trickles").isTrue();
        }
    }

    /** Streamed, never held: the service reads the first part while the client has not sent the rest. */
    @Test
    void anUploadStreamsThroughAndMayTakeLongerThanTheAnswerLimitAtItsPace() throws Exception {
        int size = 36 * 1024;
        try (Raw client = new Raw(port)) {
            client.send(upload("paced-upload", token(), size) + "x".repeat(3072));
            await(() -> SERVICE.bytesSoFar("paced-upload") == 3072, "the service reads the first part");
            long started = System.nanoTime();
            client.trickle(size - 3072, 3072, Duration.ofMillis(250), Raw::bytes); // 12 KB/s: 3 s for the rest

            Answer answer = client.answer();
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("read " + size);
            assertThat(since(started)).isGreaterThan(ANSWER_LIMIT);
        }
    }

    @Test
    void anUploadBelowItsMinimumRateIsCutOffAnd408AndMessageServiceSeesItsBodyEnd() throws Exception {
        try (Raw client = new Raw(port)) {
            client.send(upload("starved-upload", token(), 100_000) + "x".repeat(1024));
            long started = System.nanoTime();
            client.trickle(100_000 - 1024, 10, Duration.ofMillis(200), Raw::bytes); // 50 bytes/s, under 2 KB/s

            Answer answer = client.answer();
            assertProblem(answer, 408, "request_timeout");
            assertThat(since(started)).isLessThan(UPLOAD_WINDOW.plus(MARGIN));
        }
        assertThat(SERVICE.ended("starved-upload").whole()).as("message-service's read of it ended").isFalse();
    }

    @Test
    void anUploadNotDoneWithinItsLongestDurationIsCutOffAnd408() throws Exception {
        try (Raw client = new Raw(port)) {
            client.send(upload("endless-upload", token(), 1024 * 1024));
            long started = System.nanoTime();
            client.trickle(1024 * 1024, 4096, Duration.ofMillis(500), Raw::bytes); // 8 KB/s keeps the pace, for 2 min

            Answer answer = client.answer();
            assertProblem(answer, 408, "request_timeout");
            assertThat(since(started)).isBetween(UPLOAD_MAX, UPLOAD_MAX.plus(MARGIN));
        }
        assertThat(SERVICE.ended("endless-upload").whole()).as("message-service's read of it ended").isFalse();
    }

    @Test
    void oneUploadBeyondAUsersUploadsInFlightIsRefused429WhileTheOthersGoOn() throws Exception {
        int perUser = limits.uploadsPerUser();
        String uploader = token();
        int size = 64 * 1024;
        List<Raw> inFlight = new ArrayList<>();
        List<Raw.Trickle> trickles = new ArrayList<>();
        try {
            for (int i = 0; i < perUser; i++) {
                Raw client = new Raw(port);
                inFlight.add(client);
                client.send(upload("in-flight-" + i, uploader, size));
                trickles.add(client.trickle(size, 1024, Duration.ofMillis(250), Raw::bytes)); // 4 KB/s: on pace
            }
            await(() -> SERVICE.heads().containsAll(List.of("in-flight-0", "in-flight-" + (perUser - 1))),
                    "message-service reads every upload");

            HttpResponse<String> refused = post("/api/files", uploader, "one-too-many");
            RateLimitTests.assertRateLimited(refused);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(SERVICE.heads()).doesNotContain("one-too-many");
            assertThat(post("/api/files", token(), "another-user").statusCode()).as("another user").isEqualTo(200);

            trickles.forEach(Raw.Trickle::hurry);
            for (Raw client : inFlight) {
                Answer answer = client.answer();
                assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                assertThat(answer.body()).isEqualTo("read " + size);
            }
        } finally {
            for (Raw client : inFlight) {
                client.close();
            }
        }
        await(() -> post("/api/files", uploader, "after-the-others").statusCode() == 200, "the user's next upload");
    }

    @Test
    void aConnectionThatSendsHalfARequestLineThenNothingIsClosed() throws Exception {
        try (Raw client = new Raw(port)) {
            client.send("GET /api/ro");
            assertThat(client.closedWithin(IDLE_TIMEOUT.plus(MARGIN))).isTrue();
        }
    }

    /** A head's bytes are no activity of the connection: only a whole head is (the idle timer runs past Netty's codec). */
    @Test
    void aConnectionTricklingARequestHeadIsClosedToo() throws Exception {
        try (Raw client = new Raw(port)) {
            client.send("GET /api/rooms HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
            client.trickle(10_000, 1, Duration.ofMillis(100), Raw::bytes);
            assertThat(client.closedWithin(IDLE_TIMEOUT.plus(MARGIN))).isTrue();
        }
    }

    @Test
    void aWebSocketQuietForLongerThanEveryLimitHereStaysOpen() throws Exception {
        LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token())
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        frames.add(data.toString());
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        frames.add("closed " + statusCode);
                        return null;
                    }
                }).join();
        socket.sendText("hello", true).join();
        assertThat(frames.poll(5, TimeUnit.SECONDS)).isEqualTo("echo hello");

        Thread.sleep(IDLE_TIMEOUT.plus(BODY_TIMEOUT).plus(ANSWER_LIMIT).toMillis());
        socket.sendText("still there", true).join();
        assertThat(frames.poll(5, TimeUnit.SECONDS)).isEqualTo("echo still there");
        socket.abort();
    }

    @Test
    void anAnswerLongerThanTheIdleTimeoutComesWhole() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                url("/api/files/" + Service.SLOW_ANSWER))).header("Authorization", "Bearer " + token()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("part ".repeat(Service.SLOW_ANSWER_PARTS));
        assertThat(since(started)).isGreaterThan(IDLE_TIMEOUT.multipliedBy(2));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private HttpResponse<String> post(String path, String token, String tag) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(path)))
                    .header("Authorization", "Bearer " + token).header("X-Case", tag)
                    .header("Content-Type", "multipart/form-data; boundary=b")
                    .POST(HttpRequest.BodyPublishers.ofString("x".repeat(1000))).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String head(String method, String path, String tag, String token, String... headers) {
        return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\nX-Case: " + tag
                + "\r\n" + String.join("\r\n", headers) + "\r\n\r\n";
    }

    private static String jsonHead(String tag, int length) {
        return head("POST", "/api/rooms", tag, token(), "Content-Type: application/json", "Content-Length: " + length);
    }

    private static String upload(String tag, String token, int size) {
        return head("POST", "/api/files", tag, token, "Content-Type: multipart/form-data; boundary=b",
                "Content-Length: " + size);
    }

    private static String token() {
        return TestTokens.shared().accessToken(UUID.randomUUID(), "slow");
    }

    /**
     * The edge's budget for bodies arriving, and a body in time, in a context of its own whose body deadline (5 s)
     * outlasts every step before the one body meant to be too late: with the 1 s above, the bodies meant to be
     * arriving could time out under load before the third was refused, and a body sent in two parts 400 ms apart
     * had only 600 ms to spare for the test's own pace.
     */
    @Nested
    @TestPropertySource(properties = "parley.edge.slow-clients.body-timeout=" + BodyBudget.BODY_TIMEOUT_MS + "ms")
    class BodyBudget {

        static final long BODY_TIMEOUT_MS = 5000;

        @LocalServerPort
        int port;

        @Autowired
        MeterRegistry meters;

        @Autowired
        SlowClientProperties limits;

        @Test
        void aJsonBodyInTimeReachesTheServiceWholeAndOnlyOnceItIsWhole() throws Exception {
            String body = "{\"name\":\"" + "x".repeat(1000) + "\"}";
            assertThat(limits.bodyTimeout()).as("its deadline outlasts the pause between its parts")
                    .isEqualTo(Duration.ofMillis(BODY_TIMEOUT_MS));
            try (Raw client = new Raw(port)) {
                client.send(head("POST", "/api/rooms", "json-in-two-parts", token(), "Content-Type: application/json",
                        "Content-Length: " + body.length()) + body.substring(0, 500));
                Thread.sleep(400);
                long lastPart = System.nanoTime();
                client.send(body.substring(500));

                Answer answer = client.answer();
                assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                assertThat(answer.body()).isEqualTo("read " + body.length());
                assertThat(SERVICE.ended("json-in-two-parts").headAt()).as("the service got the request once it was whole")
                        .isGreaterThan(lastPart);
            }
            HttpClient http = HttpClient.newHttpClient();
            for (HttpRequest.BodyPublisher sent : List.of(HttpRequest.BodyPublishers.ofString(body),
                    HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString(body)))) { // chunked
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/rooms"))
                        .header("Authorization", "Bearer " + token()).header("Content-Type", "application/json")
                        .POST(sent).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("read " + body.length());
            }
        }

        /**
         * What all addresses together may make one edge instance hold is bounded too (ADR 0030): bodies arriving at once
         * may declare 2,500 bytes together here, and one more is 503 before it is read, whatever its address. The bytes
         * come back, once, however a body ends: too late, its client gone, whole, or refused after its address's share was
         * counted.
         */
        @Test
        void theEdgeMayHaveOnlySoManyBytesOfBodiesArrivingAtOnceFromAllAddresses() throws Exception {
            assertThat(limits.bodyTimeout()).isEqualTo(Duration.ofMillis(BODY_TIMEOUT_MS));
            awaitNoBodyArriving();
            String body = "{\"name\":\"" + "x".repeat(990) + "\"}";
            try (Raw first = new Raw(port, "127.0.0.21"); Raw second = new Raw(port, "127.0.0.22");
                 Raw third = new Raw(port, "127.0.0.23")) {
                second.send(jsonHead("budget-second", 1000) + "{");
                await(() -> bodyBytesArriving() == 1000, "a body is counted as it declares");
                first.send(jsonHead("budget-first", 1000) + "{"); // from here on, its deadline runs
                await(() -> bodyBytesArriving() == 2000, "both bodies are counted");

                third.send(jsonHead("budget-third", body.length()) + body);
                Answer refused = third.answer();
                assertProblem(refused, 503, "service_unavailable");
                assertThat(refused.header("retry-after")).isEqualTo("1");
                assertThat(bodyBytesArriving()).as("nothing is counted for a refused body").isEqualTo(2000);

                second.close();
                await(() -> bodyBytesArriving() == 1000, "the bytes of a body whose client left come back, once");
                Answer tooLate = first.answer();
                assertProblem(tooLate, 408, "request_timeout");
                awaitNoBodyArriving();

            }
            try (Raw again = new Raw(port, "127.0.0.23")) { // the first has been idle longer than the idle timeout here
                again.send(jsonHead("budget-third-again", body.length()) + body);
                Answer served = again.answer();
                assertThat(served.status()).as("its address's share came back too: " + served).isEqualTo(200);
                assertThat(served.body()).isEqualTo("read " + body.length());
                again.send(head("POST", "/api/nowhere", "budget-not-found", token(), "Content-Type: application/json",
                        "Content-Length: " + body.length()) + body);
                assertProblem(again.answer(), 404, "not_found"); // read whole, then refused
            }
            awaitNoBodyArriving();
            assertThat(SERVICE.heads()).doesNotContain("budget-first", "budget-second", "budget-third");
        }

        /** As the edge counts them (its gauge {@code parley.edge.body.arriving}). */
        private long bodyBytesArriving() {
            return (long) meters.get("parley.edge.body.arriving").gauge().value();
        }

        private void awaitNoBodyArriving() throws InterruptedException {
            await(() -> bodyBytesArriving() == 0, "no body arriving");
        }
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as(what).isNegative();
            Thread.sleep(20);
        }
    }

    /** The answer is a whole problem document (contract §2) of this status and code. */
    private static void assertProblem(Answer answer, int status, String code) {
        ProblemAssert.assertProblem(answer.status(), answer.header("content-type"), answer.body(), status, code);
    }

    /** An answer read off the socket; header names in lower case. */
    record Answer(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name);
        }
    }

    /** One connection to the edge, written as the test says: a head, bytes, bytes trickled in the background. */
    private static final class Raw implements AutoCloseable {

        private final Socket socket;
        private final InputStream in;

        Raw(int port) throws IOException {
            this(port, "127.0.0.1");
        }

        /** From the loopback address {@code from}: each is a client address of its own at the edge. */
        Raw(int port, String from) throws IOException {
            socket = new Socket();
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
        }

        static byte[] bytes(int count) {
            return "x".repeat(count).getBytes(StandardCharsets.US_ASCII);
        }

        /** {@code count} bytes as one chunk of a chunked body. */
        static byte[] chunk(int count) {
            return (Integer.toHexString(count) + "\r\n" + "x".repeat(count) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }

        synchronized void send(String text) throws IOException {
            send(text.getBytes(StandardCharsets.ISO_8859_1));
        }

        synchronized void send(byte[] bytes) throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
        }

        /** Sends {@code total} bytes, {@code each} at a time every {@code every}, until done, hurried or cut off. */
        Trickle trickle(int total, int each, Duration every, IntFunction<byte[]> pieces) {
            Trickle trickle = new Trickle();
            Thread.ofVirtual().start(() -> {
                try {
                    for (int sent = 0; sent < total; ) {
                        int count = trickle.hurried ? total - sent : Math.min(each, total - sent);
                        send(pieces.apply(count));
                        sent += count;
                        if (!trickle.hurried) {
                            Thread.sleep(every.toMillis());
                        }
                    }
                } catch (IOException | InterruptedException ended) {
                    // the edge closed the connection: that is what some tests wait for
                }
            });
            return trickle;
        }

        static final class Trickle {

            private volatile boolean hurried;

            /** The rest at once. */
            void hurry() {
                hurried = true;
            }
        }

        Answer answer() throws IOException {
            String[] lines = RawHttp.readHead(in).split("\r\n");
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
            String body;
            if (headers.containsKey("content-length")) {
                body = new String(in.readNBytes(Integer.parseInt(headers.get("content-length"))), StandardCharsets.UTF_8);
            } else {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Answer(Integer.parseInt(lines[0].substring(9, 12)), headers, body);
        }

        /** Whether the edge ends the connection within {@code limit} (a reset counts). */
        boolean closedWithin(Duration limit) throws IOException {
            socket.setSoTimeout((int) limit.toMillis());
            try {
                byte[] ignored = new byte[4096];
                while (in.read(ignored) >= 0) {
                    // what the edge still said
                }
                return true;
            } catch (SocketTimeoutException stillOpen) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /**
     * Stands in for room- and message-service: notes each request by its {@code X-Case} when its head arrives, the
     * bytes of its body as they come, and how the body ended (whole, or cut off by the edge); answers "read n".
     */
    private static final class Service implements AutoCloseable {

        static final String SLOW_ANSWER = "slow-answer";
        static final int SLOW_ANSWER_PARTS = 6;

        record Ended(long headAt, int bytes, boolean whole) {
        }

        private final HttpServer server;
        private final Set<String> heads = ConcurrentHashMap.newKeySet();
        private final Map<String, AtomicInteger> reading = new ConcurrentHashMap<>();
        private final Map<String, Ended> ended = new ConcurrentHashMap<>();

        Service() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", exchange -> {
                long headAt = System.nanoTime();
                if (exchange.getRequestURI().getPath().endsWith(SLOW_ANSWER)) {
                    exchange.sendResponseHeaders(200, 0);
                    try (OutputStream out = exchange.getResponseBody()) {
                        for (int i = 0; i < SLOW_ANSWER_PARTS; i++) {
                            out.write("part ".getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                            Thread.sleep(500);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return;
                }
                String tag = String.valueOf(exchange.getRequestHeaders().getFirst("X-Case"));
                heads.add(tag);
                AtomicInteger soFar = new AtomicInteger();
                reading.put(tag, soFar);
                boolean whole;
                try (InputStream body = exchange.getRequestBody()) {
                    byte[] buffer = new byte[8192];
                    for (int read; (read = body.read(buffer)) >= 0; ) {
                        soFar.addAndGet(read);
                    }
                    whole = true;
                } catch (IOException cutOff) {
                    whole = false;
                }
                ended.put(tag, new Ended(headAt, soFar.get(), whole));
                if (!whole) {
                    exchange.close();
                    return;
                }
                byte[] answer = ("read " + soFar.get()).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        Set<String> heads() {
            return heads;
        }

        int bytesSoFar(String tag) {
            AtomicInteger soFar = reading.get(tag);
            return soFar == null ? 0 : soFar.get();
        }

        /** How the body of the request {@code tag} ended, once it has (within a few seconds). */
        Ended ended(String tag) throws InterruptedException {
            await(() -> ended.containsKey(tag), tag + " ended at the service");
            return ended.get(tag);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
