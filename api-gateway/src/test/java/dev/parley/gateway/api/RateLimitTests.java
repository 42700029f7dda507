package dev.parley.gateway.api;

import static dev.parley.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.api.RateLimitProperties.Limit;
import dev.parley.testing.TestTokens;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Contract §7's per-user and per-address HTTP limits with their default values, counted in the real
 * Redis. Each test is a different user or address, so none spends another's allowance.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RateLimitTests {

    private static final StubService SERVICES = new StubService();

    @LocalServerPort
    int port;

    @Autowired
    RateLimitProperties limits;

    @Autowired
    ReactiveRedisConnectionFactory redis;

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        EdgeTestEnvironment.register(registry);
        registry.add("AUTH_SERVICE_URL", SERVICES::url);
        registry.add("ROOM_SERVICE_URL", SERVICES::url);
        registry.add("MESSAGE_SERVICE_URL", SERVICES::url);
        // These tests count; on a busy machine a check can take longer than the 500 ms after which it is
        // skipped (RateLimitFailOpenTests), so here they may take their time.
        registry.add("parley.edge.rate-limits.redis-timeout", () -> "5s");
    }

    @AfterAll
    static void stopServices() {
        SERVICES.close();
    }

    /** The Redis timeout's default is checked in {@link RateLimitFailOpenTests}, which keeps it. */
    @Test
    void theDefaultsAreTheContracts() {
        assertThat(limits.messageWrites()).isEqualTo(new Limit(10, Duration.ofSeconds(1), 20));
        assertThat(limits.roomCreations()).isEqualTo(new Limit(5, Duration.ofMinutes(1), 5));
        assertThat(limits.searches()).as("Parley's own").isEqualTo(new Limit(5, Duration.ofSeconds(1), 10));
        assertThat(limits.roomChanges()).as("Parley's own").isEqualTo(new Limit(5, Duration.ofSeconds(1), 100));
        assertThat(limits.historyReads()).as("Parley's own").isEqualTo(new Limit(20, Duration.ofSeconds(1), 50));
        assertThat(limits.registrations()).isEqualTo(new Limit(10, Duration.ofHours(1), 10));
        assertThat(limits.requests()).isEqualTo(new Limit(300, Duration.ofSeconds(1), 300));
        assertThat(limits.enabled()).isTrue();
    }

    @Test
    void aUserMayWriteTwentyMessagesAtOnceThenTenASecond() throws Exception {
        EdgeClient client = new EdgeClient(port, "127.0.0.1");
        String writer = token();
        String room = "/api/rooms/" + UUID.randomUUID() + "/messages";
        String warmUp = token(); // a cold edge can take seconds for the first burst, in which the bucket refills
        all(IntStream.range(0, 20).mapToObj(i -> client.sendAsync("POST", room, warmUp)).toList());

        long started = System.nanoTime();
        List<HttpResponse<String>> burst = all(IntStream.range(0, 60).mapToObj(i -> client.sendAsync("POST", room, writer)).toList());
        double seconds = (System.nanoTime() - started) / 1e9;
        long served = burst.stream().filter(response -> response.statusCode() == 200).count();
        assertThat(served).as("the burst, plus what refilled in %.2f s", seconds).isBetween(20L, 20L + (long) (seconds * 10) + 1);
        HttpResponse<String> refused = burst.stream().filter(response -> response.statusCode() == 429).findFirst().orElseThrow();
        long retryAfterMs = assertRateLimited(refused);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(retryAfterMs).isBetween(1L, 100L); // one token: a tenth of a second

        assertThat(client.send("POST", room, token()).statusCode()).as("another user").isEqualTo(200);
        assertThat(client.send("GET", room, writer).statusCode()).as("reading is no write").isEqualTo(200);
        Thread.sleep(retryAfterMs + 150);
        assertThat(client.send("POST", room, writer).statusCode()).as("after Retry-After").isEqualTo(200);
    }

    @Test
    void editsAndDeletesAreMessageWritesToo() {
        EdgeClient client = new EdgeClient(port, "127.0.0.1");
        String editor = token();
        String message = "/api/rooms/" + UUID.randomUUID() + "/messages/7";
        List<HttpResponse<String>> burst = all(IntStream.range(0, 40)
                .mapToObj(i -> client.sendAsync(i % 2 == 0 ? "PATCH" : "DELETE", message, editor)).toList());
        assertThat(burst).filteredOn(response -> response.statusCode() == 429).isNotEmpty()
                .allSatisfy(RateLimitTests::assertRateLimited);
        assertThat(client.send("PATCH", message, token()).statusCode()).as("another user").isEqualTo(200);
    }

    @Test
    void reactionsAndReadMarkersAreMessageWritesToo() {
        EdgeClient client = new EdgeClient(port, "127.0.0.1");
        String reader = token();
        String room = "/api/rooms/" + UUID.randomUUID();
        List<HttpResponse<String>> burst = all(IntStream.range(0, 40)
                .mapToObj(i -> switch (i % 3) {
                    case 0 -> client.sendAsync("PUT", room + "/read", reader);
                    case 1 -> client.sendAsync("PUT", room + "/messages/7/reactions/%F0%9F%91%8D", reader);
                    default -> client.sendAsync("DELETE", room + "/messages/7/reactions/%F0%9F%91%8D", reader);
                }).toList());
        assertThat(burst).filteredOn(response -> response.statusCode() == 429).isNotEmpty()
                .allSatisfy(RateLimitTests::assertRateLimited);
        assertThat(client.send("PUT", room + "/read", token()).statusCode()).as("another user").isEqualTo(200);
        assertThat(client.send("GET", room + "/messages", reader).statusCode()).as("reading history is no write")
                .isEqualTo(200);
    }

    @Test
    void aUserMaySearchTenTimesAtOnceThenFiveASecond() {
        EdgeClient client = new EdgeClient(port, "127.0.0.1");
        String searcher = token();
        List<HttpResponse<String>> burst = all(IntStream.range(0, 30)
                .mapToObj(i -> client.sendAsync("GET", "/api/search/messages?q=word" + i, searcher)).toList());
        assertThat(burst).filteredOn(response -> response.statusCode() == 200).hasSizeBetween(10, 16);
        assertThat(burst).filteredOn(response -> response.statusCode() != 200).isNotEmpty()
                .allSatisfy(RateLimitTests::assertRateLimited);
        assertThat(client.send("GET", "/api/search/messages?q=word", token()).statusCode()).as("another user")
                .isEqualTo(200);
        assertThat(client.send("GET", "/api/rooms/" + UUID.randomUUID() + "/messages", searcher).statusCode())
                .as("history is no search").isEqualTo(200);
    }

    @Test
    void aUserMayReadFiftyHistoryPagesAtOnceThenTwentyASecond() {
        EdgeClient client = new EdgeClient(port, "127.0.0.6"); // an address of its own: 153 requests
        String reader = token();
        String room = "/api/rooms/" + UUID.randomUUID();
        long started = System.nanoTime();
        List<HttpResponse<String>> burst = all(IntStream.range(0, 150)
                .mapToObj(i -> client.sendAsync("GET", room + "/messages?after=" + i + "&limit=100", reader)).toList());
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(burst).filteredOn(response -> response.statusCode() == 200)
                .hasSizeBetween(50, 50 + (int) Math.ceil(20 * (seconds + 0.1)));
        assertThat(burst).filteredOn(response -> response.statusCode() != 200).isNotEmpty()
                .allSatisfy(RateLimitTests::assertRateLimited);
        assertThat(client.send("GET", room + "/messages", token()).statusCode()).as("another user").isEqualTo(200);
        assertThat(client.send("GET", room + "/messages/7/thread", reader).statusCode()).as("a thread is another read")
                .isEqualTo(200);
        assertThat(client.send("GET", "/api/search/messages?q=word", reader).statusCode()).as("a search is counted apart")
                .isEqualTo(200);
    }

    /** Each becomes events on the forever-kept room-events topic; a room's creation is counted apart, as the contract's. */
    @Test
    void aUserMayChangeRoomsAHundredTimesAtOnceThenFiveASecond() {
        EdgeClient client = new EdgeClient(port, "127.0.0.5"); // an address of its own: ~250 requests in a second
        String room = "/api/rooms/" + UUID.randomUUID();
        String member = room + "/members/" + UUID.randomUUID();
        List<List<String>> changes = List.of(List.of("PATCH", room), List.of("DELETE", room),
                List.of("POST", room + "/members"), List.of("DELETE", member),
                List.of("PUT", member + "/role"), List.of("POST", room + "/bans"),
                List.of("DELETE", room + "/bans/" + UUID.randomUUID()));
        String warmUp = token(); // a cold edge can take seconds for the first burst, in which the bucket refills
        all(IntStream.range(0, 100).mapToObj(i -> client.sendAsync("PATCH", room, warmUp)).toList());

        String moderator = token();
        long started = System.nanoTime();
        List<HttpResponse<String>> burst = all(IntStream.range(0, 140).mapToObj(i -> changes.get(i % changes.size()))
                .map(change -> client.sendAsync(change.get(0), change.get(1), moderator)).toList());
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(burst).filteredOn(response -> response.statusCode() == 200).as("the burst, plus what refilled in %.2f s",
                seconds).hasSizeBetween(100, 100 + (int) (seconds * 5) + 1);
        assertThat(burst).filteredOn(response -> response.statusCode() != 200).isNotEmpty()
                .allSatisfy(RateLimitTests::assertRateLimited);

        assertThat(client.send("PATCH", room, token()).statusCode()).as("another user").isEqualTo(200);
        assertThat(client.send("GET", room, moderator).statusCode()).as("reading is no change").isEqualTo(200);
        assertThat(client.send("GET", room + "/members", moderator).statusCode()).as("nor is listing members")
                .isEqualTo(200);
        assertThat(client.send("POST", "/api/rooms", moderator).statusCode()).as("a creation counts apart")
                .isEqualTo(200);
        assertThat(client.send("POST", room + "/messages", moderator).statusCode()).as("a message write")
                .isEqualTo(200);
    }

    @Test
    void aUserMayCreateFiveRoomsAMinute() {
        EdgeClient client = new EdgeClient(port, "127.0.0.1");
        String creator = token();
        createFiveRooms(client, creator);
        HttpResponse<String> sixth = client.send("POST", "/api/rooms", creator);
        assertRateLimited(sixth);
        assertThat(Integer.parseInt(sixth.headers().firstValue("Retry-After").orElseThrow())).isBetween(10, 12);

        assertThat(client.send("POST", "/api/rooms/" + UUID.randomUUID() + "/members", creator).statusCode())
                .as("joining is no room creation").isEqualTo(200);
        assertThat(client.send("POST", "/api/rooms/" + UUID.randomUUID() + "/messages", creator).statusCode())
                .as("a message write").isEqualTo(200);
        assertThat(client.send("POST", "/api/rooms", token()).statusCode()).as("another user").isEqualTo(200);
    }

    /** Contract §7 counts the rooms created: a creation the service refused created none, so it does not count. */
    @Test
    void aRoomCreationTheServiceRefusedDoesNotCount() {
        EdgeClient client = new EdgeClient(port, "127.0.0.1");
        String creator = token();
        postAnswered(client, "/api/rooms?stub-status=400", creator, 8, 400);
        createFiveRooms(client, creator);
        assertRateLimited(client.send("POST", "/api/rooms", creator));
    }

    /**
     * A direct room is a room: opening one counts against the five a minute when it creates one (201), and gives its
     * token back when the pair's room already existed (200).
     */
    @Test
    void aDirectRoomCreatedIsARoomCreation() {
        EdgeClient client = new EdgeClient(port, "127.0.0.1");
        String creator = token();
        postAnswered(client, "/api/rooms/direct", creator, 8, 200);
        postAnswered(client, "/api/rooms/direct?stub-status=201", creator, 5, 201);
        assertRateLimited(client.send("POST", "/api/rooms", creator));
        assertRateLimited(client.send("POST", "/api/rooms/direct", creator));
        assertThat(client.send("POST", "/api/rooms/direct", token()).statusCode()).as("another user").isEqualTo(200);
    }

    /** ADR 0037: a bucket Redis answered empty is refused at the edge until it holds a token again, without Redis. */
    @Test
    void aUserPastALimitIsRefusedWithoutAskingRedisAgainUntilTheBucketRefills() {
        EdgeClient client = new EdgeClient(port, "127.0.0.1");
        String creator = token();
        createFiveRooms(client, creator);
        long firstWait = assertRateLimited(client.send("POST", "/api/rooms", creator));
        long asked = scriptCalls(redis);

        List<Long> waits = IntStream.range(0, 20)
                .mapToObj(i -> assertRateLimited(client.send("POST", "/api/rooms", creator))).toList();

        assertThat(scriptCalls(redis)).as("Redis asked again").isEqualTo(asked);
        assertThat(waits).allSatisfy(wait -> assertThat(wait).isBetween(1L, firstWait));
        assertThat(waits).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(client.send("POST", "/api/rooms", token()).statusCode()).as("another user").isEqualTo(200);
        assertThat(scriptCalls(redis)).as("another user's request asks Redis").isEqualTo(asked + 1);
    }

    /**
     * ADR 0038: once Redis has answered a user's bucket empty, a request of that user with a token the edge holds as
     * verified is refused before the security chain — even a URL that chain's firewall would refuse 400 — while a token
     * the edge does not hold is still the chain's to answer.
     */
    @Test
    void aUserPastALimitIsRefusedBeforeTheSecurityChain() {
        EdgeClient client = new EdgeClient(port, "127.0.0.7");
        String creator = token();
        createFiveRooms(client, creator);
        assertRateLimited(client.send("POST", "/api/rooms", creator));

        assertRateLimited(client.send("POST", "/api/rooms;x", creator));
        assertThat(client.send("POST", "/api/rooms;x", token()).statusCode()).as("another user").isEqualTo(400);
        assertThat(client.send("POST", "/api/rooms", "garbage").statusCode()).as("a token not held").isEqualTo(401);
    }

    /** The room creations' allowance, spent. */
    private static void createFiveRooms(EdgeClient client, String creator) {
        postAnswered(client, "/api/rooms", creator, 5, 200);
    }

    /** {@code times} POSTs to {@code path}, one after another, each answered {@code status}. */
    private static void postAnswered(EdgeClient client, String path, String token, int times, int status) {
        for (int i = 0; i < times; i++) {
            assertThat(client.send("POST", path, token).statusCode()).as("POST %s %d", path, i + 1).isEqualTo(status);
        }
    }

    /** How many scripts Redis has run (the buckets' checks), from its own statistics. */
    static long scriptCalls(ReactiveRedisConnectionFactory redis) {
        Properties stats = redis.getReactiveConnection().serverCommands().info("commandstats").block(Duration.ofSeconds(5));
        return Stream.of("cmdstat_evalsha", "cmdstat_eval")
                .map(name -> stats.getProperty(name, "calls=0"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("^calls=(\\d+).*", "$1")))
                .sum();
    }

    @Test
    void anAddressMayRegisterTenTimesAnHour() {
        EdgeClient registrar = new EdgeClient(port, "127.0.0.2");
        for (int i = 0; i < 10; i++) {
            assertThat(registrar.send("POST", "/api/auth/register", null).statusCode()).as("registration %d", i + 1).isEqualTo(200);
        }
        HttpResponse<String> eleventh = registrar.send("POST", "/api/auth/register", null);
        assertRateLimited(eleventh);
        assertThat(Integer.parseInt(eleventh.headers().firstValue("Retry-After").orElseThrow())).isBetween(350, 360);

        assertThat(registrar.send("POST", "/api/auth/login", null).statusCode()).as("logging in is no registration").isEqualTo(200);
        assertThat(new EdgeClient(port, "127.0.0.3").send("POST", "/api/auth/register", null).statusCode())
                .as("another address").isEqualTo(200);
    }

    @Test
    void aRegistrationTheServiceWasTooBusyToHandleDoesNotCountAgainstTheAddress() {
        EdgeClient registrar = new EdgeClient(port, "127.0.0.4");
        for (int i = 0; i < 15; i++) {
            assertThat(registrar.send("POST", "/api/auth/register?stub-busy", null).statusCode())
                    .as("busy answer %d", i + 1).isEqualTo(503);
        }
        for (int i = 0; i < 10; i++) {
            assertThat(registrar.send("POST", "/api/auth/register", null).statusCode()).as("registration %d", i + 1)
                    .isEqualTo(200);
        }
        assertRateLimited(registrar.send("POST", "/api/auth/register", null));
    }

    /** 429 rate_limited as problem details with Retry-After and retryAfterMs; answers retryAfterMs. */
    static long assertRateLimited(HttpResponse<String> response) {
        JsonNode problem = assertProblem(response, 429, "rate_limited");
        long retryAfterMs = problem.path("retryAfterMs").asLong();
        long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isEqualTo(Math.max(1, (retryAfterMs + 999) / 1000));
        return retryAfterMs;
    }

    private static String token() {
        return TestTokens.shared().accessToken(UUID.randomUUID(), "limited");
    }

    private static List<HttpResponse<String>> all(List<CompletableFuture<HttpResponse<String>>> requests) {
        return requests.stream().map(CompletableFuture::join).toList();
    }
}
