package dev.parley.bench.faults;

import dev.parley.bench.api.Problem;
import dev.parley.events.ProblemDocument;
import dev.parley.events.RawHttpAnswer;
import dev.parley.infra.launcher.Component;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * What someone opening the app meets while a process is frozen: at a few moments of the freeze a new
 * connection asks the public entry for a room's history, and two others open a {@code /ws} upgrade. Each must
 * get an answer at the latest {@code grace} after the thaw: its success (200, 101) — or, when it needs the frozen
 * process, possibly a clear error (503 or 504, problem+json). None may hang, be cut off, or get any other answer,
 * and a stall of a process a request does not need must not fail it: that is a stall reaching further than it
 * should (an event loop waiting on the broker, say).
 */
final class NewRequestsDuringFreeze {

    /**
     * What a new client asks for, the status that is its success, and the processes it needs: the one that serves
     * it and what that one cannot answer without. Everything else is kept in reach without asking (signing keys,
     * room access projected into each service's own database) or optional (Redis: the edge's rate limits and the
     * history cache give up on it after half a second).
     */
    enum Kind {
        HISTORY(200, EnumSet.of(Component.API_GATEWAY, Component.MESSAGE_SERVICE, Component.POSTGRES)),
        UPGRADE(101, EnumSet.of(Component.API_GATEWAY, Component.WS_GATEWAY));

        private final int success;
        private final Set<Component> needs;

        Kind(int success, Set<Component> needs) {
            this.success = success;
            this.needs = needs;
        }

        boolean needs(Component component) {
            return needs.contains(component);
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A server hands new connections to its event loops in turn, so two upgrades at once reach both loops of a
     * two-core ws-gateway: one loop stuck (waiting on the broker, say) is met, not missed half the time.
     */
    static final int UPGRADES_AT_A_MOMENT = 2;

    private final String baseUrl;
    private final URI webSocket;
    private final String roomId;
    private final Supplier<String> logIn;
    private final Duration grace;

    /** @param logIn a fresh access token of a member of {@code roomId}, whom the requests are made as */
    NewRequestsDuringFreeze(String baseUrl, URI webSocket, String roomId, Supplier<String> logIn, Duration grace) {
        this.baseUrl = baseUrl;
        this.webSocket = webSocket;
        this.roomId = roomId;
        this.logIn = logIn;
        this.grace = grace;
    }

    /**
     * One new request and its answer.
     *
     * @param madeAtMillis when it was made, from the freeze
     * @param status the answer's status, −1 when none came
     * @param answer what answered it: the problem's code or what the answer lacks to be one, or why nothing did
     * @param waitedMillis how long it waited for its answer
     * @param afterThawMillis when the answer came, from the thaw (negative: during the freeze)
     * @param ok whether it got its success, or a clear error when it needs the frozen process
     */
    record NewRequest(Kind kind, long madeAtMillis, int status, String answer, long waitedMillis, long afterThawMillis,
                      boolean ok) {

        @Override
        public String toString() {
            return "%s at %.1f s → %s%s after %.1f s, %.2f s after the thaw".formatted(kind, madeAtMillis / 1000.0,
                    status < 0 ? "no answer" : status, answer.isEmpty() ? "" : " " + answer, waitedMillis / 1000.0,
                    afterThawMillis / 1000.0);
        }
    }

    /** When in a freeze of {@code frozen} the requests are made: after 1 s, a third, two thirds, 1 s before its end. */
    static List<Duration> moments(Duration frozen) {
        long millis = frozen.toMillis();
        TreeSet<Long> at = new TreeSet<>(List.of(1000L, millis / 3, 2 * millis / 3, millis - 1000));
        return at.stream().filter(m -> m > 0 && m < millis).map(Duration::ofMillis).toList();
    }

    /**
     * Logs the member in — before the freeze, as auth-service may be what is frozen — and makes the round's
     * requests, counting from now: freeze {@code component} at once, for {@code frozen}.
     */
    Round start(Component component, Duration frozen) {
        String token = logIn.get();
        return new Round(token, component, frozen, System.nanoTime());
    }

    /** The requests of one freeze, each on a virtual thread of its own. */
    final class Round {

        private final String token;
        private final Component frozen;
        private final long frozenAtNanos;
        private final long deadlineNanos;
        private final List<CompletableFuture<Answered>> pending = new ArrayList<>();
        private volatile long thawedAtNanos = -1;

        private record Answered(Kind kind, long madeAtNanos, Reply reply, long atNanos) {
        }

        private Round(String token, Component frozen, Duration frozenFor, long frozenAtNanos) {
            this.token = token;
            this.frozen = frozen;
            this.frozenAtNanos = frozenAtNanos;
            this.deadlineNanos = frozenAtNanos + frozenFor.plus(grace).toNanos();
            for (Duration moment : moments(frozenFor)) {
                pending.add(at(moment, Kind.HISTORY));
                for (int i = 0; i < UPGRADES_AT_A_MOMENT; i++) {
                    pending.add(at(moment, Kind.UPGRADE));
                }
            }
        }

        void thawed(long nanos) {
            thawedAtNanos = nanos;
        }

        /** Every request's answer, once each has one or its time ran out. */
        List<NewRequest> await() {
            long thawed = thawedAtNanos < 0 ? deadlineNanos : thawedAtNanos;
            return pending.stream().map(CompletableFuture::join).map(a -> new NewRequest(a.kind(),
                    (a.madeAtNanos() - frozenAtNanos) / 1_000_000, a.reply().status(), a.reply().detail(),
                    (a.atNanos() - a.madeAtNanos()) / 1_000_000, (a.atNanos() - thawed) / 1_000_000,
                    a.reply().isRight(a.kind(), frozen))).toList();
        }

        private CompletableFuture<Answered> at(Duration moment, Kind kind) {
            CompletableFuture<Answered> answered = new CompletableFuture<>();
            Thread.ofVirtual().name("freeze-" + kind).start(() -> {
                long madeAt = frozenAtNanos + moment.toNanos();
                Reply reply;
                try {
                    FaultRounds.sleep(Math.max(0, (madeAt - System.nanoTime()) / 1_000_000));
                    Duration left = Duration.ofNanos(Math.max(deadlineNanos - System.nanoTime(), 1_000_000_000L));
                    reply = kind == Kind.HISTORY ? history(left) : upgrade(left);
                } catch (IOException | RuntimeException e) {
                    reply = Reply.none(e.getClass().getSimpleName() + ": " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    reply = Reply.none("interrupted");
                }
                answered.complete(new Answered(kind, madeAt, reply, System.nanoTime()));
            });
            return answered;
        }

        /** A first page of the room's history, on a connection of its own. */
        private Reply history(Duration timeout) throws IOException, InterruptedException {
            try (HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                    .build()) {
                HttpResponse<String> response = fresh.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/rooms/"
                                + roomId + "/messages?limit=1")).timeout(timeout).header("Authorization", "Bearer " + token)
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return new Reply(200, "", false);
                }
                ProblemDocument problem = Problem.read(response);
                return problem.whole() ? new Reply(response.statusCode(), problem.code(), true)
                        : new Reply(response.statusCode(), String.join(", ", problem.defects()), false);
            }
        }

        /**
         * A WebSocket upgrade with the token, written by hand so that nothing but the answer is waited for: its head,
         * and a refusal's body; the socket is closed at once either way.
         */
        private Reply upgrade(Duration timeout) throws IOException {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(webSocket.getHost(), webSocket.getPort()), (int) timeout.toMillis());
                socket.setSoTimeout((int) timeout.toMillis());
                byte[] nonce = new byte[16];
                ThreadLocalRandom.current().nextBytes(nonce);
                String key = Base64.getEncoder().encodeToString(nonce);
                String path = webSocket.getRawPath() + (webSocket.getRawQuery() == null ? "" : "?" + webSocket.getRawQuery());
                OutputStream out = socket.getOutputStream();
                out.write(("GET " + path + " HTTP/1.1\r\nHost: " + webSocket.getHost() + ":" + webSocket.getPort()
                        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                        + key + "\r\nAuthorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                RawHttpAnswer answer = RawHttpAnswer.read(socket.getInputStream());
                if (answer.status() == 101) {
                    return new Reply(101, "", false);
                }
                ProblemDocument problem = answer.problem();
                return problem.whole() ? new Reply(answer.status(), problem.code(), true)
                        : new Reply(answer.status(), String.join(", ", problem.defects()), false);
            }
        }
    }

    /**
     * An answer: its status (−1 when none came), and what it said — a problem's code, what the answer lacks to be a
     * whole problem document, or why nothing answered.
     */
    record Reply(int status, String detail, boolean problem) {

        static Reply none(String why) {
            return new Reply(-1, why, false);
        }

        /**
         * Success; or, for a request that needs the frozen process, the clear error of a platform that cannot serve
         * it yet: 503 or 504 as problem+json.
         */
        boolean isRight(Kind kind, Component frozen) {
            return status == kind.success || kind.needs(frozen) && (status == 503 || status == 504) && problem;
        }
    }
}
