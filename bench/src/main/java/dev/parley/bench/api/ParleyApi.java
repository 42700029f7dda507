package dev.parley.bench.api;

import dev.parley.bench.ws.ClientRetries;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The contract's HTTP API (§2), through the api-gateway: what the bench needs to set a run up and clean after it. */
public final class ParleyApi {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /**
     * How long a sign-in refused because too many wait to hash a password is tried again while no other sign-in of this
     * client gets through either.
     */
    private static final Duration BUSY_SIGN_IN_PATIENCE = Duration.ofSeconds(60);

    private final AtomicInteger signInRetries = new AtomicInteger();
    private final AtomicInteger busySignInRetries = new AtomicInteger();
    private final Duration busySignInPatience;
    /** When a sign-in of this client last got an answer other than 502/503. */
    private final AtomicLong lastSignInNanos = new AtomicLong(System.nanoTime());

    public ParleyApi(String baseUrl) {
        this(baseUrl, BUSY_SIGN_IN_PATIENCE);
    }

    ParleyApi(String baseUrl, Duration busySignInPatience) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.busySignInPatience = busySignInPatience;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** @param retryAfterSeconds the answer's {@code Retry-After}, or -1 when it has none */
    record Answer(int status, JsonNode body, long retryAfterSeconds) {

        JsonNode expect(int... statuses) {
            for (int wanted : statuses) {
                if (status == wanted) {
                    return body;
                }
            }
            throw new IllegalStateException("HTTP " + status + ": " + body);
        }
    }

    /**
     * The user's id: 201 when registered now, 409 {@code username_taken} (null) when it exists already.
     * Each user registers from a loopback address of its own, as people register from their own devices:
     * the edge allows 10 registrations an hour per address (contract §7), which a run of 1,000 users
     * from one address would exceed after ten.
     */
    String register(String username, String password) {
        String body = json("username", username, "password", password);
        try (HttpClient device = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).localAddress(DeviceAddresses.next()).build()) {
            Answer answer = signIn(() -> call(device, "POST", "/api/auth/register", body, null));
            return answer.status() == 409 ? null : answer.expect(201).path("id").asString();
        }
    }

    Tokens login(String username, String password) {
        String body = json("username", username, "password", password);
        return Tokens.of(signIn(() -> call("POST", "/api/auth/login", body, null)).expect(200));
    }

    /**
     * A registration or login answered 502 (the service behind the edge ended the connection without an answer) or
     * 503 (a service not reached in time) is tried again as {@link ClientRetries} says, as a client would: a second
     * login only issues another pair of tokens, and a second registration of a name that the first did register is
     * answered 409. A 503 with {@code Retry-After} is auth-service saying too many sign-ins wait for a turn to hash a
     * password, which the bench's own setup causes: that one is tried again after the time it names (and a jitter,
     * so the waiting clients do not come back together) for as long as other sign-ins get through, and for up to
     * {@link #BUSY_SIGN_IN_PATIENCE} when none does. (A fixed patience per request failed W3's set-up of 2,000 users on
     * a slow VM: one login kept losing its turn to newer ones for a minute while the others went on.)
     */
    private Answer signIn(Supplier<Answer> attempt) {
        long startedAt = System.nanoTime();
        Answer answer = attempt.get();
        int retries = 0;
        while (answer.status() == 502 || answer.status() == 503) {
            boolean busy = answer.status() == 503 && answer.retryAfterSeconds() >= 0;
            if (busy ? noSignInSince(startedAt) : retries == ClientRetries.TIMES) {
                return answer;
            }
            retries++;
            signInRetries.incrementAndGet();
            if (busy) {
                busySignInRetries.incrementAndGet();
            }
            long waitMs = busy ? Math.max(1, answer.retryAfterSeconds()) * 1000
                    + ThreadLocalRandom.current().nextLong(1000) : ClientRetries.AFTER.toMillis();
            try {
                Thread.sleep(waitMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            answer = attempt.get();
        }
        lastSignInNanos.accumulateAndGet(System.nanoTime(), Math::max);
        return answer;
    }

    /** Whether no sign-in of this client got through for the patience, counted from {@code startedAt} at the earliest. */
    private boolean noSignInSince(long startedAt) {
        long since = Math.max(startedAt, lastSignInNanos.get());
        return System.nanoTime() - since > busySignInPatience.toNanos();
    }

    /** Registrations and logins tried again after a 502 or 503, since this client was made. */
    public int signInRetries() {
        return signInRetries.get();
    }

    /**
     * Those of {@link #signInRetries()} after auth-service's "busy" 503 (with {@code Retry-After}), which the bench's own
     * set-up causes; the rest followed a 502 or a 503 without it, whose cause the edge's log has.
     */
    public int busySignInRetries() {
        return busySignInRetries.get();
    }

    /** New tokens for a refresh token (which is spent by it), or null when it is no longer valid. */
    Tokens refresh(String refreshToken) {
        Answer answer = call("POST", "/api/auth/refresh", json("refreshToken", refreshToken), null);
        return answer.status() == 200 ? Tokens.of(answer.body()) : null;
    }

    /** A private group room owned by the caller; returns its id. */
    public String createRoom(String name, String ownerToken) {
        return call("POST", "/api/rooms", json("name", name, "visibility", "private"), ownerToken)
                .expect(201).path("id").asString();
    }

    public void addMember(String roomId, String userId, String ownerToken) {
        call("POST", "/api/rooms/" + roomId + "/members", json("userId", userId), ownerToken).expect(201, 200);
    }

    public void deleteRoom(String roomId, String ownerToken) {
        call("DELETE", "/api/rooms/" + roomId, null, ownerToken).expect(204, 404);
    }

    /**
     * A page of a room's history after {@code after} (contract §2: ascending by seq, {@code hasMore} when
     * newer ones follow). Fails with the status when the API does not answer 200.
     */
    public HistoryPage messagesAfter(String roomId, long after, int limit, String token) {
        JsonNode body = call("GET", "/api/rooms/" + roomId + "/messages?after=" + after + "&limit=" + limit, null, token)
                .expect(200);
        List<StoredMessage> items = new ArrayList<>();
        for (JsonNode item : body.path("items")) {
            items.add(new StoredMessage(item.path("seq").asLong(), item.path("id").asString(),
                    item.path("senderId").asString(), item.path("clientMsgId").asString()));
        }
        return new HistoryPage(List.copyOf(items), body.path("hasMore").asBoolean());
    }

    /** What the bench checks of a stored message. */
    public record StoredMessage(long seq, String messageId, String senderId, String clientMsgId) {
    }

    public record HistoryPage(List<StoredMessage> items, boolean hasMore) {
    }

    Answer call(String method, String path, String body, String token) {
        return call(http, method, path, body, token);
    }

    private Answer call(HttpClient client, String method, String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (int retry = 0; retry < 10 && shortWait(response) > 0; retry++) {
                // the edge's per-address limit (contract §7): a well-behaved client waits as told
                Thread.sleep(shortWait(response));
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
            return new Answer(response.statusCode(),
                    response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body()),
                    response.headers().firstValueAsLong("Retry-After").orElse(-1));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(method + " " + baseUrl + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Milliseconds to wait before trying again: a 429 whose Retry-After is a few seconds at most; else 0. */
    private static long shortWait(HttpResponse<String> response) {
        if (response.statusCode() != 429) {
            return 0;
        }
        long seconds = response.headers().firstValueAsLong("Retry-After").orElse(-1);
        return seconds >= 0 && seconds <= 5 ? Math.max(1, seconds) * 1000 : 0;
    }

    private static String json(String... namesAndValues) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            node.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return node.toString();
    }

    record Tokens(String accessToken, String refreshToken, String userId) {

        static Tokens of(JsonNode body) {
            String access = body.path("accessToken").asString();
            return new Tokens(access, body.path("refreshToken").asString(), subject(access));
        }

        /** The {@code sub} claim: the user's id. */
        private static String subject(String jwt) {
            String payload = jwt.split("\\.")[1];
            byte[] decoded = Base64.getUrlDecoder().decode(payload);
            return JSON.readTree(new String(decoded, StandardCharsets.UTF_8)).path("sub").asString();
        }
    }
}
