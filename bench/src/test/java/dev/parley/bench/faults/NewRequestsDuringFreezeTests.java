package dev.parley.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.infra.launcher.Component;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The freeze probe against a stand-in for a stopped process: a listening socket nobody accepts on until the
 * "thaw" — what the kernel does for a process under SIGSTOP — and then answers as told. As the public entry it
 * stands for the edge, which every request needs; what else is frozen decides whether a clear error is right.
 */
class NewRequestsDuringFreezeTests {

    private static final Duration FROZEN = Duration.ofMillis(2000);
    private static final String UNAVAILABLE = """
            {"status":503,"title":"Service Unavailable","detail":"Try again.","code":"service_unavailable"}""";

    @Test
    void requestsQueuedDuringTheFreezeAreAnsweredAfterTheThaw() throws Exception {
        try (StalledServer server = new StalledServer(request -> request.contains("Upgrade: websocket")
                ? "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
                : answer("200 OK", "application/json", "{\"items\":[],\"hasMore\":false}"))) {
            List<NewRequestsDuringFreeze.NewRequest> asked = freezeAndThaw(server, Component.API_GATEWAY, Duration.ofSeconds(5));

            assertThat(asked).hasSize((1 + NewRequestsDuringFreeze.UPGRADES_AT_A_MOMENT) * NewRequestsDuringFreeze.moments(FROZEN).size());
            assertThat(asked).allSatisfy(request -> {
                assertThat(request.ok()).as("%s", request).isTrue();
                assertThat(request.afterThawMillis()).as("%s", request).isBetween(0L, 1000L);
            });
            assertThat(asked).extracting(NewRequestsDuringFreeze.NewRequest::status).containsOnly(200, 101);
            assertThat(server.requests).anySatisfy(request -> assertThat(request)
                    .startsWith("GET /api/rooms/room-1/messages?limit=1 HTTP/1.1").contains("Authorization: Bearer token-1"));
            assertThat(server.requests).anySatisfy(request -> assertThat(request).startsWith("GET /ws HTTP/1.1")
                    .contains("Sec-WebSocket-Key: ").contains("Authorization: Bearer token-1"));
        }
    }

    @Test
    void aServiceUnavailableProblemIsAClearAnswerButABareBadGatewayIsNot() throws Exception {
        try (StalledServer server = new StalledServer(request -> request.contains("Upgrade: websocket")
                ? answer("502 Bad Gateway", "text/plain", "bad gateway")
                : answer("503 Service Unavailable", "application/problem+json", UNAVAILABLE))) {
            List<NewRequestsDuringFreeze.NewRequest> asked = freezeAndThaw(server, Component.API_GATEWAY, Duration.ofSeconds(5));

            assertThat(asked).filteredOn(request -> request.kind() == NewRequestsDuringFreeze.Kind.HISTORY)
                    .isNotEmpty().allSatisfy(request -> {
                        assertThat(request.status()).isEqualTo(503);
                        assertThat(request.answer()).isEqualTo("service_unavailable");
                        assertThat(request.ok()).isTrue();
                    });
            assertThat(asked).filteredOn(request -> request.kind() == NewRequestsDuringFreeze.Kind.UPGRADE)
                    .isNotEmpty().allSatisfy(request -> {
                        assertThat(request.status()).isEqualTo(502);
                        assertThat(request.ok()).isFalse();
                    });
        }
    }

    @Test
    void aRefusedUpgradeIsAClearAnswerOnlyAsAWholeProblemDocument() throws Exception {
        String noDetail = UNAVAILABLE.replace("\"detail\":\"Try again.\",", "");
        try (StalledServer whole = new StalledServer(request -> answer("503 Service Unavailable",
                "application/problem+json", UNAVAILABLE));
             StalledServer partial = new StalledServer(request -> answer("503 Service Unavailable",
                     "application/problem+json", noDetail))) {
            List<NewRequestsDuringFreeze.NewRequest> wholeAnswers = freezeAndThaw(whole, Component.API_GATEWAY,
                    Duration.ofSeconds(5));
            List<NewRequestsDuringFreeze.NewRequest> partialAnswers = freezeAndThaw(partial, Component.API_GATEWAY,
                    Duration.ofSeconds(5));

            assertThat(wholeAnswers).filteredOn(request -> request.kind() == NewRequestsDuringFreeze.Kind.UPGRADE)
                    .isNotEmpty().allSatisfy(request -> {
                        assertThat(request.answer()).isEqualTo("service_unavailable");
                        assertThat(request.ok()).as("%s", request).isTrue();
                    });
            assertThat(partialAnswers).filteredOn(request -> request.kind() == NewRequestsDuringFreeze.Kind.UPGRADE)
                    .isNotEmpty().allSatisfy(request -> {
                        assertThat(request.status()).isEqualTo(503);
                        assertThat(request.answer()).isEqualTo("no detail");
                        assertThat(request.ok()).as("%s", request).isFalse();
                    });
        }
    }

    @Test
    void aClearErrorIsRightOnlyForARequestThatNeedsTheFrozenProcess() throws Exception {
        String unavailable = answer("503 Service Unavailable", "application/problem+json", UNAVAILABLE);
        try (StalledServer server = new StalledServer(request -> unavailable)) {
            List<NewRequestsDuringFreeze.NewRequest> kafkaFrozen = freezeAndThaw(server, Component.KAFKA,
                    Duration.ofSeconds(5));
            List<NewRequestsDuringFreeze.NewRequest> postgresFrozen = freezeAndThaw(server, Component.POSTGRES,
                    Duration.ofSeconds(5));

            assertThat(kafkaFrozen).isNotEmpty().allSatisfy(request -> {
                assertThat(request.status()).isEqualTo(503);
                assertThat(request.ok()).as("%s", request).isFalse();
            });
            assertThat(postgresFrozen).filteredOn(request -> request.kind() == NewRequestsDuringFreeze.Kind.HISTORY)
                    .isNotEmpty().allSatisfy(request -> assertThat(request.ok()).as("%s", request).isTrue());
            assertThat(postgresFrozen).filteredOn(request -> request.kind() == NewRequestsDuringFreeze.Kind.UPGRADE)
                    .isNotEmpty().allSatisfy(request -> assertThat(request.ok()).as("%s", request).isFalse());
        }
    }

    @Test
    void aRequestNeverAnsweredCountsAsNoAnswerOnceTheGraceIsOver() throws Exception {
        try (StalledServer server = new StalledServer(request -> null)) {
            List<NewRequestsDuringFreeze.NewRequest> asked = freezeAndThaw(server, Component.API_GATEWAY, Duration.ofMillis(500));

            assertThat(asked).isNotEmpty().allSatisfy(request -> {
                assertThat(request.status()).isEqualTo(-1);
                assertThat(request.ok()).isFalse();
            });
        }
    }

    @Test
    void theMomentsSpreadOverTheFreezeAndStayInsideIt() {
        assertThat(NewRequestsDuringFreeze.moments(Duration.ofSeconds(15))).containsExactly(Duration.ofSeconds(1),
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(14));
        assertThat(NewRequestsDuringFreeze.moments(Duration.ofMillis(900))).containsExactly(Duration.ofMillis(300),
                Duration.ofMillis(600));
    }

    private static List<NewRequestsDuringFreeze.NewRequest> freezeAndThaw(StalledServer server, Component frozen,
                                                                          Duration grace) {
        NewRequestsDuringFreeze probe = new NewRequestsDuringFreeze("http://127.0.0.1:" + server.port(),
                URI.create("ws://127.0.0.1:" + server.port() + "/ws"), "room-1", () -> "token-1", grace);
        NewRequestsDuringFreeze.Round round = probe.start(frozen, FROZEN);
        FaultRounds.sleep(FROZEN.toMillis());
        // the thaw's moment taken first: taken after, a test thread the machine held up between the two could see
        // answers come before it (a negative time after the thaw)
        round.thawed(System.nanoTime());
        server.thaw();
        return round.await();
    }

    private static String answer(String status, String type, String body) {
        return "HTTP/1.1 " + status + "\r\nContent-Type: " + type + "\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body;
    }

    /** Listens from the start, accepts only once thawed, then answers each request as {@code answers} says (null: never). */
    private static final class StalledServer implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final Function<String, String> answers;
        private final List<String> requests = new CopyOnWriteArrayList<>();
        private final List<Socket> held = new CopyOnWriteArrayList<>();

        StalledServer(Function<String, String> answers) throws IOException {
            this.answers = answers;
        }

        int port() {
            return socket.getLocalPort();
        }

        void thaw() {
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket accepted = socket.accept();
                        Thread.ofVirtual().start(() -> serve(accepted));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        private void serve(Socket accepted) {
            try {
                String request = readHead(accepted.getInputStream());
                requests.add(request);
                String answer = answers.apply(request);
                if (answer == null) {
                    held.add(accepted);
                    return;
                }
                OutputStream out = accepted.getOutputStream();
                out.write(answer.getBytes(StandardCharsets.UTF_8));
                out.flush();
                accepted.close();
            } catch (IOException e) {
                requests.add("failed: " + e);
            }
        }

        private static String readHead(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0) {
                head.append((char) b);
                if (head.toString().endsWith("\r\n\r\n")) {
                    break;
                }
            }
            return head.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
