package dev.parley.bench.hostile;

import dev.parley.bench.ws.Frame;
import dev.parley.bench.ws.FrameListener;
import dev.parley.bench.ws.WsClient;
import dev.parley.bench.ws.WsConnection;
import dev.parley.events.CloseCode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Authenticated connections through the edge, each sending fuzzed frames at a steady rate and opening a
 * new connection whenever the server closes one. Every close must carry one of the contract's codes for
 * what the fuzz does (binary 1003, too large 1009, a bad {@code auth} 4001, a rate breach 4008, slow 4009);
 * any other close, or a socket dropped without a close frame, is a failure.
 */
final class FrameAttack implements AutoCloseable {

    static final String UNEXPECTED_CLOSE = "ws close outside the contract's codes for this traffic";
    static final Set<Integer> EXPECTED_CLOSES = Stream.of(CloseCode.BINARY_FRAME, CloseCode.FRAME_TOO_LARGE,
            CloseCode.UNAUTHORIZED, CloseCode.POLICY, CloseCode.SLOW_CONSUMER).map(CloseCode::code)
            .collect(Collectors.toUnmodifiableSet());

    private final WsClient ws;
    private final URI endpoint;
    private final Tally tally;
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "frame-attack"));
    private final AtomicInteger sent = new AtomicInteger();
    private final List<Attacker> attackers = new ArrayList<>();
    private volatile boolean stopped;

    FrameAttack(WsClient ws, URI endpoint, Tally tally) {
        this.ws = ws;
        this.endpoint = endpoint;
        this.tally = tally;
    }

    /** Starts one connection per token, each sending {@code perSecond} frames of its own generator. */
    void start(List<String> tokens, List<FuzzedFrames> generators, double perSecond) {
        long periodMicros = (long) (1_000_000 / perSecond);
        for (int i = 0; i < tokens.size(); i++) {
            Attacker attacker = new Attacker(tokens.get(i), generators.get(i));
            attackers.add(attacker);
            attacker.connect();
            pacer.scheduleAtFixedRate(attacker::sendOne, periodMicros * i / tokens.size(), periodMicros,
                    TimeUnit.MICROSECONDS);
        }
    }

    int sent() {
        return sent.get();
    }

    @Override
    public void close() {
        stopped = true;
        pacer.shutdownNow();
        attackers.forEach(attacker -> {
            WsConnection connection = attacker.connection;
            if (connection != null) {
                connection.close();
            }
        });
    }

    private final class Attacker implements FrameListener {

        private final String token;
        private final FuzzedFrames frames;
        private volatile WsConnection connection;
        private volatile boolean live;

        Attacker(String token, FuzzedFrames frames) {
            this.token = token;
            this.frames = frames;
        }

        void connect() {
            if (stopped) {
                return;
            }
            live = false;
            WsConnection opening = ws.connect(endpoint, token, 0, this);
            connection = opening;
            opening.ready().whenComplete((ready, failure) -> {
                if (failure == null) {
                    live = true;
                } else if (!stopped) {
                    tally.count("ws connect refused: " + failure.getClass().getSimpleName());
                    pacer.schedule(this::connect, 1, TimeUnit.SECONDS);
                }
            });
        }

        void sendOne() {
            WsConnection current = connection;
            if (!live || current == null || !current.isOpen()) {
                return;
            }
            FuzzedFrames.FuzzFrame frame = frames.next();
            if (frame.binary()) {
                current.sendBinary(new byte[] {1, 2, 3});
            } else {
                current.send(frame.text());
            }
            sent.incrementAndGet();
        }

        @Override
        public void onFrame(WsConnection connection, Frame frame, long receivedNanos) {
            tally.count("ws frame " + frame.type() + (frame.code() == null ? "" : " " + frame.code()));
        }

        @Override
        public void onClosed(WsConnection closed, int code, String reason) {
            if (stopped || closed.closedByUs()) {
                return;
            }
            boolean wasLive = live;
            live = false;
            if (!wasLive && code == -1) {
                return; // refused or failed before ready: connect() counts it and tries again
            }
            tally.count("ws close " + code);
            if (!EXPECTED_CLOSES.contains(code)) {
                tally.fail(UNEXPECTED_CLOSE, code + " " + reason);
            }
            if (wasLive) {
                pacer.schedule(this::connect, code == CloseCode.POLICY.code() ? 1_000 : 100, TimeUnit.MILLISECONDS);
            }
        }
    }
}
