package dev.parley.system;

import dev.parley.bench.api.DeviceAddresses;
import dev.parley.testing.ProblemAssert;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A client app's view of Parley: HTTP and WebSocket through the api-gateway only. */
final class Client {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    Client(int gatewayPort) {
        this.baseUrl = "http://127.0.0.1:" + gatewayPort;
    }

    /** {@code raw}: the answer as received, for {@link #assertProblem}. */
    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    }

    /** The answer is a whole problem document (contract §2) of this status and code; the document. */
    static JsonNode assertProblem(Answer answer, int status, String code) {
        return ProblemAssert.assertProblem(answer.raw(), status, code);
    }

    /** A registered, logged-in user. */
    record User(String id, String username, String token) {
    }

    /** Registers and logs in a user with a name no other test uses. */
    User newUser(String name) {
        String username = name + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String credentials = "{\"username\":\"%s\",\"password\":\"correct horse battery\"}".formatted(username);
        Answer registered;
        // from an address of its own, as from its own device: the edge allows 10 registrations an hour per address
        try (HttpClient device = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .localAddress(DeviceAddresses.next()).build()) {
            registered = call(device, "POST", "/api/auth/register", credentials, null);
        }
        if (registered.status() != 201) {
            throw new AssertionError("register " + username + ": " + registered);
        }
        Answer login = call("POST", "/api/auth/login", credentials, null);
        if (login.status() != 200) {
            throw new AssertionError("login " + username + ": " + login);
        }
        return new User(registered.body().path("id").asString(), username, login.body().path("accessToken").asString());
    }

    Answer call(String method, String path, String body, String token) {
        return call(HTTP, method, path, body, token);
    }

    private Answer call(HttpClient client, String method, String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(),
                    response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body()), response);
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed", e);
        }
    }

    /** Opens {@code /ws}; with a token it goes in the upgrade request's Authorization header. */
    Socket connect(String headerToken) {
        Socket socket = new Socket();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (headerToken != null) {
            builder.header("Authorization", "Bearer " + headerToken);
        }
        socket.ws = builder.buildAsync(URI.create(baseUrl.replace("http", "ws") + "/ws"), socket).join();
        return socket;
    }

    static final class Socket implements WebSocket.Listener {

        private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        private final java.util.List<JsonNode> received = new java.util.ArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private final CompletableFuture<Integer> closedWith = new CompletableFuture<>();
        private WebSocket ws;

        void send(String json) {
            ws.sendText(json, true).join();
        }

        /**
         * The first received frame matching {@code wanted}, taken out of those received so far;
         * frames it passes over stay for later awaits (pushes may interleave with answers).
         */
        JsonNode await(Predicate<JsonNode> wanted, String what) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            try {
                while (System.nanoTime() < deadline) {
                    JsonNode frame = frames.poll(200, TimeUnit.MILLISECONDS);
                    if (frame != null) {
                        received.add(frame);
                    }
                    for (var iterator = received.iterator(); iterator.hasNext(); ) {
                        JsonNode candidate = iterator.next();
                        if (wanted.test(candidate)) {
                            iterator.remove();
                            return candidate;
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new AssertionError("no " + what + " frame within 15 s; received " + received);
        }

        JsonNode awaitType(String type) {
            return await(frame -> type.equals(frame.path("type").asString()), type);
        }

        /** Frames received so far and within {@code quietFor} more, none taken. */
        java.util.List<JsonNode> drain(java.time.Duration quietFor) {
            long deadline = System.nanoTime() + quietFor.toNanos();
            try {
                while (System.nanoTime() < deadline) {
                    JsonNode frame = frames.poll(50, TimeUnit.MILLISECONDS);
                    if (frame != null) {
                        received.add(frame);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return java.util.List.copyOf(received);
        }

        void close() {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        }

        /** The close code the server sent, within 15 s. */
        int awaitClose() {
            try {
                return closedWith.get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("no close within 15 s; received " + drain(Duration.ZERO), e);
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedWith.complete(statusCode);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
