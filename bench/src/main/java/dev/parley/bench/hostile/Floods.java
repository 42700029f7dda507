package dev.parley.bench.hostile;

import dev.parley.bench.measure.Latencies;
import dev.parley.bench.measure.Prometheus;
import dev.parley.bench.report.LatencySummary;
import dev.parley.bench.ws.Frame;
import dev.parley.bench.ws.FrameListener;
import dev.parley.bench.ws.SourceAddresses;
import dev.parley.bench.ws.WsClient;
import dev.parley.bench.ws.WsConnection;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The floods of issue "Hostile traffic at the edge", each against the protection meant for it (contract §2, §3,
 * §7). Each returns what it saw, and whether the protection answered as the contract says; every HTTP answer
 * is also held to {@link HttpVerdict}'s bar.
 */
final class Floods {

    /** One flood: what the contract expects, what happened, and whether they agree. */
    record Outcome(String name, String expected, String measured, boolean pass) {
    }

    private static final double CLOCK_SLACK_SECONDS = 0.1;
    /** A user's replay allowance on a ws-gateway instance ({@code parley.ws.subscription.replay-*}, ADR 0036). */
    private static final int REPLAY_BURST = 10_000;
    private static final int REPLAY_PER_SECOND = 2_000;
    /** A user's allowance of history pages over HTTP ({@code parley.edge.rate-limits.history-reads}). */
    private static final int HISTORY_READS_BURST = 50;
    private static final int HISTORY_READS_PER_SECOND = 20;
    /** The edge's deadline for a JSON body ({@code parley.edge.slow-clients.body-timeout}), and the slack on it. */
    private static final int SLOW_BODY_TIMEOUT_SECONDS = 10;
    private static final int SLOW_BODY_SLACK_SECONDS = 3;

    private final String baseUrl;
    private final URI webSocket;
    private final Tally tally;

    Floods(String baseUrl, URI webSocket, Tally tally) {
        this.baseUrl = baseUrl;
        this.webSocket = webSocket;
        this.tally = tally;
    }

    Outcome registrations(InetAddress from) {
        EdgeAnswers answers = edgeLimited(() -> http(from, 12, 1, i -> post("/api/auth/register",
                "{\"username\":\"flood" + UUID.randomUUID().toString().substring(0, 8) + "\",\"password\":\"flood flood flood\"}",
                null)));
        return new Outcome("registration flood (12 from one address)", "≤ 10 registered, the rest 429 rate_limited",
                answers.measured(""), answers.withinLimit(answers.count(201), 10, 2));
    }

    Outcome rooms(InetAddress from, String token, List<String> created) {
        long started = System.nanoTime();
        EdgeAnswers answers = edgeLimited(() -> http(from, 8, 8, i -> post("/api/rooms",
                "{\"name\":\"flood " + i + "\",\"visibility\":\"private\"}", token), created));
        double seconds = (System.nanoTime() - started) / 1e9;
        int allowed = mostServed(5, 5 / 60.0, seconds);
        return new Outcome("room creation flood (8 at once by one user)", "≤ 5 a minute created, the rest 429 rate_limited",
                answers.measured(String.format(" in %.1f s (allowed ≤ %d)", seconds, allowed)),
                answers.withinLimit(answers.count(201), allowed, 1));
    }

    Outcome messagePosts(InetAddress from, String token, String roomId) {
        long started = System.nanoTime();
        EdgeAnswers answers = edgeLimited(() -> http(from, 30, 30, i -> post("/api/rooms/" + roomId + "/messages",
                "{\"clientMsgId\":\"flood-" + i + "-" + started + "\",\"body\":\"flood " + i + "\"}", token)));
        double seconds = (System.nanoTime() - started) / 1e9;
        int allowed = mostServed(20, 10, seconds);
        return new Outcome("HTTP message flood (30 posts at once by one user)",
                "≤ 20 + 10/s written, the rest 429 rate_limited",
                answers.measured(String.format(" in %.1f s (allowed ≤ %d)", seconds, allowed)),
                answers.withinLimit(answers.count(201) + answers.count(200), allowed, 1));
    }

    Outcome logins(InetAddress from, String username) {
        Map<Integer, Integer> statuses = http(from, 9, 1, i -> post("/api/auth/login",
                "{\"username\":\"" + username + "\",\"password\":\"wrong password " + i + "\"}", null));
        return new Outcome("password guessing (9 wrong for one user)", "401, then 429 too_many_attempts after 5",
                statuses.toString(), statuses.getOrDefault(429, 0) >= 3);
    }

    Outcome forgedKeys(InetAddress from, String token) {
        Map<Integer, Integer> statuses = http(from, 200, 8, i -> {
            String header = "{\"alg\":\"RS256\",\"kid\":\"" + UUID.randomUUID() + "\"}";
            String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(header.getBytes(StandardCharsets.UTF_8))
                    + token.substring(token.indexOf('.'));
            return HttpRequest.newBuilder(URI.create(baseUrl + "/api/users/me")).header("Authorization", "Bearer " + forged);
        });
        return new Outcome("tokens naming unknown keys (200)", "all 401", statuses.toString(),
                statuses.getOrDefault(401, 0) == 200);
    }

    Outcome hugeBodies(InetAddress from) {
        String huge = "{\"username\":\"x\",\"password\":\"" + "p".repeat(1 << 20) + "\"}";
        Map<Integer, Integer> statuses = http(from, 5, 1, i -> post("/api/auth/login", huge, null));
        return new Outcome("1 MiB bodies (5)", "413 payload_too_large", statuses.toString(),
                statuses.getOrDefault(413, 0) + statuses.getOrDefault(-1, 0) == 5 && statuses.getOrDefault(413, 0) >= 1);
    }

    /**
     * 400 requests at once from one address, for a file the edge serves itself: beyond the 300 a second
     * (burst 300) only if they arrive faster than that. This machine serves about 330 a second of them, so
     * the 429s may not come; what must hold is that no more are served than the limit allows.
     */
    Outcome addressFlood(InetAddress from) {
        long started = System.nanoTime();
        EdgeAnswers answers = edgeLimited(() -> http(from, 400, 400, i -> HttpRequest.newBuilder(URI.create(baseUrl + "/app.css"))));
        double seconds = (System.nanoTime() - started) / 1e9;
        int allowed = mostServed(300, 300, seconds);
        return new Outcome("one address, 400 requests at once", "≤ 300 + 300/s served, the rest 429 rate_limited",
                answers.measured(String.format(" in %.1f s (allowed ≤ %d)", seconds, allowed)),
                answers.withinLimit(answers.count(200), allowed, 0));
    }

    /**
     * Request bodies dribbled a byte a second on {@code count} connections from one address — more than a service's
     * 200 Tomcat threads — to {@code PATCH /api/users/me}, with a valid token, so they pass every check before the
     * body (ADR 0029). The edge reads a JSON body whole before any service sees it: each must be answered 408
     * {@code request_timeout} within its 10 s (and some slack), while another user, from another address, gets
     * {@code GET /api/users/me} from the same auth-service at once. Before stop 60 the edge streamed the bodies
     * through, and the dribblers held every thread auth-service had.
     */
    Outcome slowBodies(InetAddress from, String token, int count, InetAddress otherFrom, String otherToken)
            throws InterruptedException {
        URI edge = URI.create(baseUrl);
        String head = "PATCH /api/users/me HTTP/1.1\r\nHost: " + edge.getHost() + ":" + edge.getPort()
                + "\r\nAuthorization: Bearer " + token + "\r\nContent-Type: application/json\r\nContent-Length: 64\r\n\r\n";
        Map<Integer, Integer> statuses = new ConcurrentSkipListMap<>();
        AtomicInteger lateAnswers = new AtomicInteger();
        long started = System.nanoTime();
        long answerBy = started + TimeUnit.SECONDS.toNanos(SLOW_BODY_TIMEOUT_SECONDS + SLOW_BODY_SLACK_SECONDS);
        List<Thread> dribblers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            dribblers.add(Thread.ofVirtual().start(() -> {
                int status = dribble(edge, from, head, answerBy + TimeUnit.SECONDS.toNanos(10));
                statuses.merge(status, 1, Integer::sum);
                if (System.nanoTime() - answerBy > 0) {
                    lateAnswers.incrementAndGet();
                }
            }));
        }
        Thread.sleep(3_000); // every dribbler has sent its head and a few bytes
        List<Long> others = new ArrayList<>();
        Map<Integer, Integer> otherStatuses = new TreeMap<>();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).localAddress(otherFrom)
                .connectTimeout(Duration.ofSeconds(5)).build()) {
            for (int i = 0; i < 10; i++) {
                long asked = System.nanoTime();
                int status;
                try {
                    status = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/users/me"))
                            .header("Authorization", "Bearer " + otherToken).timeout(Duration.ofSeconds(15)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException e) {
                    status = -1;
                }
                others.add((System.nanoTime() - asked) / 1_000_000);
                otherStatuses.merge(status, 1, Integer::sum);
                Thread.sleep(300);
            }
        }
        for (Thread dribbler : dribblers) {
            dribbler.join();
        }
        long slowestOther = others.stream().mapToLong(Long::longValue).max().orElse(-1);
        return new Outcome("slow request bodies (" + count + " dribbled at 1 byte/s from one address)",
                "each 408 request_timeout within 10 s + " + SLOW_BODY_SLACK_SECONDS + " s; another user's 10 requests to "
                        + "the same service meanwhile 200 within 2 s each",
                String.format("%s (%d late) in %.1f s; the other user's %s, slowest %d ms", statuses, lateAnswers.get(),
                        (System.nanoTime() - started) / 1e9, otherStatuses, slowestOther),
                statuses.getOrDefault(408, 0) == count && lateAnswers.get() == 0
                        && otherStatuses.getOrDefault(200, 0) == 10 && slowestOther <= 2_000);
    }

    /** One dribbling connection: its head, then a byte a second until an answer comes; its status, -1 for none. */
    private static int dribble(URI edge, InetAddress from, String head, long giveUpAt) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(edge.getHost(), edge.getPort()), 5_000);
            var out = socket.getOutputStream();
            var in = socket.getInputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            while (System.nanoTime() - giveUpAt < 0) {
                if (in.available() > 0) {
                    return statusOf(in);
                }
                try {
                    out.write('{');
                    out.flush();
                } catch (IOException closed) {
                    return statusOf(in); // the edge answered and closed: its answer may still be unread
                }
                Thread.sleep(1_000);
            }
            return -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The status of the answer's first line ({@code HTTP/1.1 408 …}); -1 when there is none. */
    private static int statusOf(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n' && line.length() < 200) {
            line.append((char) c);
        }
        String[] parts = line.toString().split(" ");
        return parts.length > 1 && parts[1].matches("\\d{3}") ? Integer.parseInt(parts[1]) : -1;
    }

    /** Connections that never authenticate, from one address: beyond the cap the upgrade is refused. */
    Outcome unauthenticatedConnections(InetAddress from, int count) throws InterruptedException {
        AtomicInteger refused = new AtomicInteger();
        List<WsConnection> open = new ArrayList<>();
        try (WsClient client = new WsClient(1, SourceAddresses.parse(from.getHostAddress()))) {
            for (int i = 0; i < count; i++) {
                WsConnection connection = client.connect(webSocket, null, i, FrameListener.IGNORE);
                open.add(connection);
            }
            Thread.sleep(3_000);
            for (WsConnection connection : open) {
                if (!connection.isOpen()) {
                    refused.incrementAndGet();
                }
            }
            open.forEach(WsConnection::close);
        }
        return new Outcome("connections that never authenticate (" + count + " from one address)",
                "beyond the per-address cap refused", refused + " refused, " + (count - refused.get()) + " held",
                refused.get() >= 1);
    }

    /** One connection sends far beyond its allowance and keeps at it: refused, then closed 4008 once its accepted sends are acked. */
    Outcome sendFlood(WsClient ws, String token, String roomId) throws Exception {
        FrameFlood flood = frameFlood(ws, token, i -> "{\"type\":\"send\",\"id\":\"" + i + "\",\"roomId\":\"" + roomId
                + "\",\"clientMsgId\":\"sf" + System.nanoTime() + "-" + i + "\",\"body\":\"flood\"}");
        return new Outcome("send flood on one connection (200/s for 6 s)",
                "rate_limited, then 4008 after every accepted send is acked",
                flood.measured(), flood.limitedThenClosed() && flood.counter().count("ack") >= 20);
    }

    /**
     * A member marks a room read far faster than the allowance: each {@code read} is a command on Kafka, so each takes a
     * token (since stop 59) — refused, then closed 4008 like a send flood.
     */
    Outcome readFlood(WsClient ws, String token, String roomId) throws Exception {
        FrameFlood flood = frameFlood(ws, token, i -> "{\"type\":\"read\",\"id\":\"r" + i + "\",\"roomId\":\"" + roomId
                + "\",\"seq\":" + (i + 1) + "}");
        return new Outcome("read-marker flood on one connection (200/s for 6 s)", "rate_limited, then 4008",
                flood.measured(), flood.limitedThenClosed());
    }

    /** The same over HTTP: read markers count as message writes at the edge (since stop 59). */
    Outcome readMarkerPuts(InetAddress from, String token, String roomId) {
        long started = System.nanoTime();
        EdgeAnswers answers = edgeLimited(() -> http(from, 30, 30, i -> HttpRequest.newBuilder(
                        URI.create(baseUrl + "/api/rooms/" + roomId + "/read"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"seq\":" + (i + 1) + "}"))));
        double seconds = (System.nanoTime() - started) / 1e9;
        int allowed = mostServed(20, 10, seconds);
        return new Outcome("HTTP read-marker flood (30 at once by one user)",
                "≤ 20 + 10/s served, the rest 429 rate_limited",
                answers.measured(String.format(" in %.1f s (allowed ≤ %d)", seconds, allowed)),
                answers.withinLimit(answers.count(204), allowed, 1));
    }

    private record FrameFlood(FrameCounter counter, int sent, int closeCode) {
        String measured() {
            return sent + " sent: " + counter + ", closed " + closeCode;
        }

        boolean limitedThenClosed() {
            return counter.count("error rate_limited") >= 1 && closeCode == 4008;
        }
    }

    /** 20 frames every 100 ms on one connection for 6 s, or until the gateway closes it. */
    private FrameFlood frameFlood(WsClient ws, String token, IntFunction<String> frame) throws Exception {
        FrameCounter counter = new FrameCounter();
        WsConnection connection = ws.connect(webSocket, token, 0, counter);
        connection.ready().get(20, TimeUnit.SECONDS);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
        int i = 0;
        while (System.nanoTime() < until && connection.isOpen()) {
            for (int burst = 0; burst < 20 && connection.isOpen(); burst++) {
                connection.send(frame.apply(i++));
            }
            Thread.sleep(100);
        }
        connection.closed().get(10, TimeUnit.SECONDS);
        return new FrameFlood(counter, i, connection.closeCode());
    }

    /**
     * 60 subscribes at once on one connection. A connection's frames are handled one after another, so
     * the allowance (10/s, burst 20) bounds how many are served however they arrive: beyond it they are
     * refused {@code rate_limited}, unless serving them is slower than the allowance refills.
     */
    Outcome subscribeFlood(WsClient ws, String token, String roomId) throws Exception {
        FrameCounter counter = new FrameCounter();
        WsConnection connection = ws.connect(webSocket, token, 0, counter);
        connection.ready().get(20, TimeUnit.SECONDS);
        long started = System.nanoTime();
        for (int i = 0; i < 60; i++) {
            connection.send("{\"type\":\"subscribe\",\"id\":\"s" + i + "\",\"roomId\":\"" + roomId + "\"}");
        }
        long deadline = started + TimeUnit.SECONDS.toNanos(20);
        while (counter.count("subscribed") + counter.count("error rate_limited") < 60 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        connection.close();
        int served = counter.count("subscribed");
        return new Outcome("subscribe flood (60 at once)", "≤ 20 + 10/s served, the rest rate_limited",
                counter + String.format(" in %.1f s", seconds),
                served + counter.count("error rate_limited") == 60 && served <= mostServed(20, 10, seconds));
    }

    /**
     * One user asks for the largest backlog a resume replays (the recovery limit, 1,000 messages) as often as its
     * allowance lets it, on as many connections as it may hold: each {@code subscribe} with {@code sinceSeq} is one
     * token of the frame allowance, but ten pages of history. The room is filled first, within the send allowance.
     */
    Outcome replayFlood(WsClient ws, String token, String roomId, int connections, int backlog, Duration length)
            throws Exception {
        FrameCounter counter = new FrameCounter();
        List<WsConnection> open = connectAll(ws, token, connections, counter);
        int filled = fill(open, counter, roomId, backlog, n -> "backlog " + n);
        int pushedBefore = counter.count("message");
        long started = System.nanoTime();
        long until = started + length.toNanos();
        int asked = 0;
        while (System.nanoTime() < until) { // 10 a second on each: the allowance's pace
            for (WsConnection connection : open) {
                connection.send("{\"type\":\"subscribe\",\"id\":\"r" + asked++ + "\",\"roomId\":\"" + roomId
                        + "\",\"sinceSeq\":0}");
            }
            Thread.sleep(100);
        }
        long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int answered = 0;
        while (System.nanoTime() < settle) {
            answered = counter.count("subscribed") + counter.count("error rate_limited");
            if (answered >= asked) {
                break;
            }
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int replayed = counter.count("message") - pushedBefore;
        open.forEach(WsConnection::close);
        int allowed = mostServed(REPLAY_BURST, REPLAY_PER_SECOND, seconds);
        String measured = String.format("%d sent and acked first; %d resumes asked, %d answered: %s; %,d messages "
                        + "replayed in %.1f s (%,.0f a second; allowed ≤ %,d)", filled, asked, answered, counter, replayed,
                seconds, replayed / seconds, allowed);
        return new Outcome("resume flood (" + connections + " connections of one user, sinceSeq 0 of " + backlog
                + " messages, 10/s each for " + length.toSeconds() + " s)",
                "≤ 10,000 + 2,000/s messages replayed, the rest rate_limited", measured,
                answered >= asked && replayed <= allowed && counter.count("error rate_limited") >= 1);
    }

    /**
     * One user pages a room's history over HTTP as fast as one address may ask, 16 requests at a time, each the
     * largest page (100) from a random place in a room of {@code messages}: the pages a recent-history cache does not
     * hold, read from PostgreSQL. Held to the user's allowance of history pages at the edge (since stop 72: before, only
     * the address's 300 requests/s bounded it, and the platform served all of them, ~100 a second).
     */
    Outcome historyReads(InetAddress from, String token, String roomId, int messages, Duration length) {
        long started = System.nanoTime();
        int count = (int) Math.ceil(length.toMillis() / 1000.0 * 300) + 300; // the address's allowance over the length
        EdgeAnswers answers = edgeLimited(() -> http(from, count, 16, i -> HttpRequest.newBuilder(URI.create(baseUrl
                        + "/api/rooms/" + roomId + "/messages?after=" + ThreadLocalRandom.current().nextInt(Math.max(1, messages - 100))
                        + "&limit=100")).header("Authorization", "Bearer " + token)));
        double seconds = (System.nanoTime() - started) / 1e9;
        int allowed = mostServed(HISTORY_READS_BURST, HISTORY_READS_PER_SECOND, seconds);
        return new Outcome("history pages over HTTP (" + count + " of 100 messages, 16 at a time, by one user)",
                "≤ " + HISTORY_READS_BURST + " + " + HISTORY_READS_PER_SECOND + "/s served, the rest 429 rate_limited",
                answers.measured(String.format(" in %.1f s (allowed ≤ %d)", seconds, allowed)),
                answers.withinLimit(answers.count(200), allowed, 1));
    }

    /**
     * One user opens far more connections than the per-user limit (10), all at once and all live: the first ten
     * get {@code ready}, every other one is closed 4008 without it — after at most the limit's probe of the user's
     * connections for clients that are gone (2 s), which finds none here: each answers its ping.
     */
    Outcome userConnections(WsClient ws, String token, int count) throws Exception {
        List<WsConnection> connections = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            connections.add(ws.connect(webSocket, token, i, FrameListener.IGNORE));
        }
        long deadline = started + TimeUnit.SECONDS.toNanos(20);
        int ready = 0;
        int refused = 0;
        Map<Integer, Integer> otherEnds = new TreeMap<>();
        for (WsConnection connection : connections) {
            try {
                connection.ready().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                ready++;
            } catch (Exception notReady) {
                try {
                    connection.closed().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (Exception stillOpen) {
                    // neither ready nor closed within the deadline: counted below
                }
                if (connection.isOpen()) {
                    otherEnds.merge(0, 1, Integer::sum);
                } else if (connection.closeCode() == 4008) {
                    refused++;
                } else {
                    otherEnds.merge(connection.closeCode(), 1, Integer::sum);
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        boolean readyStayedOpen = connections.stream().filter(c -> c.ready().isDone() && !c.ready().isCompletedExceptionally())
                .allMatch(WsConnection::isOpen);
        connections.forEach(WsConnection::close);
        String measured = ready + " ready, " + refused + " closed 4008"
                + (otherEnds.isEmpty() ? "" : ", other ends (0: no answer) " + otherEnds) + String.format(" in %.1f s", seconds);
        return new Outcome("connections of one user (" + count + " at once)",
                "10 ready and kept, the rest closed 4008 without ready", measured,
                ready == 10 && refused == count - 10 && otherEnds.isEmpty() && readyStayedOpen);
    }

    /**
     * Members who stop reading: one user's connections (its {@code stalled}, up to the per-user limit) subscribe to a room
     * and then read nothing, through receive buffers of {@code stallingWs}'s size, while the room's owner sends it large
     * messages within the send allowance for {@code length}. ws-gateway must close each of them — 4009 once its socket has
     * taken nothing for the send time limit, or cut when even the close frame cannot reach it (contract §3) — without
     * holding up the room's other member, who reads every message in order and in time. They read again only after the
     * owner has stopped: one the server left open then reads the backlog and stays open, and the flood fails.
     */
    Outcome stalledReaders(WsClient stallingWs, WsClient ws, String ownerToken, String stalledToken, String readerToken,
                           String roomId, int stalled, Duration length) throws Exception {
        String body = "x".repeat(3_900); // a frame of ~4 KB: the buffers fill in a few seconds at 8 a second
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Latencies delays = new Latencies("the other member's send→delivery");
        AtomicInteger received = new AtomicInteger();
        AtomicInteger gaps = new AtomicInteger();
        AtomicLong lastSeq = new AtomicLong();
        CompletableFuture<Void> readerSubscribed = new CompletableFuture<>();
        WsConnection reader = ws.connect(webSocket, readerToken, 0, (connection, frame, at) -> {
            if (frame.is("subscribed")) {
                readerSubscribed.complete(null);
            } else if (frame.is("message")) {
                received.incrementAndGet();
                Long sent = frame.clientMsgId() == null ? null : sentAt.get(frame.clientMsgId());
                if (sent != null) {
                    delays.record(0, (at - sent) / 1_000);
                }
                if (frame.seq() != lastSeq.getAndSet(frame.seq()) + 1) {
                    gaps.incrementAndGet();
                }
            }
        });
        reader.ready().get(20, TimeUnit.SECONDS);
        reader.send("{\"type\":\"subscribe\",\"id\":\"s\",\"roomId\":\"" + roomId + "\",\"sinceSeq\":0}");
        readerSubscribed.get(20, TimeUnit.SECONDS);

        FrameCounter stalledFrames = new FrameCounter();
        List<WsConnection> stalling = connectAll(stallingWs, stalledToken, stalled, stalledFrames);
        for (WsConnection connection : stalling) {
            connection.send("{\"type\":\"subscribe\",\"id\":\"s\",\"roomId\":\"" + roomId + "\"}");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (stalledFrames.count("subscribed") < stalled && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        int subscribed = stalledFrames.count("subscribed");
        stalling.forEach(WsConnection::stopReading);

        FrameCounter ownerFrames = new FrameCounter();
        WsConnection owner = ws.connect(webSocket, ownerToken, 1, ownerFrames);
        owner.ready().get(20, TimeUnit.SECONDS);
        long started = System.nanoTime();
        long until = started + length.toNanos();
        int sent = 0;
        while (System.nanoTime() < until) { // 8 a second: within the send allowance (10/s)
            String clientMsgId = "stall-" + sent++;
            sentAt.put(clientMsgId, System.nanoTime());
            owner.send("{\"type\":\"send\",\"roomId\":\"" + roomId + "\",\"clientMsgId\":\"" + clientMsgId
                    + "\",\"body\":\"" + body + "\"}");
            Thread.sleep(125);
        }
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((ownerFrames.count("ack") < sent || received.get() < sent) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        int acked = ownerFrames.count("ack");

        stalling.forEach(WsConnection::resumeReading);
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (WsConnection connection : stalling) {
            try {
                connection.closed().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException stillOpen) {
                // counted below
            }
        }
        Map<Integer, Integer> ends = new TreeMap<>(); // 0: still open
        stalling.forEach(connection -> ends.merge(connection.isOpen() ? 0 : connection.closeCode(), 1, Integer::sum));
        boolean othersOpen = owner.isOpen() && reader.isOpen();
        stalling.forEach(WsConnection::close);
        owner.close();
        reader.close();

        LatencySummary delivery = LatencySummary.of(delays.name(), delays.phase(0));
        boolean allClosedByServer = ends.keySet().stream().allMatch(code -> code == 4009 || code == -1);
        String measured = String.format("%d of %d subscribed and stopped reading; the owner's %d sends of 4 KB in %.0f s, "
                        + "%d acked; the other member read %d, %d gaps, send→delivery p99 %.1f ms (max %.1f); the stalled "
                        + "connections' ends (-1: cut without a close frame, 0: still open) %s; owner and reader open: %s",
                subscribed, stalled, sent, length.toMillis() / 1e3, acked, received.get(), gaps.get(), delivery.p99(),
                delivery.max(), ends,
                othersOpen);
        return new Outcome("members who stop reading (" + stalled + " connections of one user, the owner sending 4 KB "
                        + "messages 8/s for " + length.toSeconds() + " s)",
                "each closed by the server (4009, or cut); the other member reads every message in order, p99 < 200 ms",
                measured, subscribed == stalled && acked == sent && received.get() == sent && gaps.get() == 0
                        && delivery.count() == sent && delivery.p99() < 200 && allClosedByServer && othersOpen);
    }

    /**
     * A member on a slow link resumes a room of long messages: the room's owner fills it with {@code backlog} messages of
     * 4,000 characters (~4 MB) within the send allowance on ten connections, then the member resumes from {@code sinceSeq}
     * 0 through an 8 KiB receive buffer, reading a message every 2 ms (~2 MB/s, far below what message-service pages
     * come at). It must get {@code recovered:true}, every message in order, then a live one, and stay open: the replay
     * waits for its reads (ADR 0041). Before stop 83 the backlog was offered as fast as pages came and overflowed the
     * connection's buffer: 4009, on every resume.
     */
    Outcome slowResume(WsClient slowWs, WsClient ws, String ownerToken, String memberToken, String roomId, int backlog)
            throws Exception {
        String body = "r".repeat(4_000);
        FrameCounter ownerFrames = new FrameCounter();
        List<WsConnection> owner = connectAll(ws, ownerToken, 10, ownerFrames);
        int filled = fill(owner, ownerFrames, roomId, backlog, n -> body);

        CompletableFuture<Frame> subscribed = new CompletableFuture<>();
        CompletableFuture<Void> caughtUp = new CompletableFuture<>();
        CompletableFuture<Void> live = new CompletableFuture<>();
        AtomicInteger replayed = new AtomicInteger();
        AtomicInteger gaps = new AtomicInteger();
        AtomicLong lastSeq = new AtomicLong();
        WsConnection member = slowWs.connect(webSocket, memberToken, 0, (connection, frame, at) -> {
            if (frame.is("subscribed")) {
                subscribed.complete(frame);
            } else if (frame.is("message")) {
                if (frame.seq() != lastSeq.getAndSet(frame.seq()) + 1) {
                    gaps.incrementAndGet();
                }
                if (frame.seq() > filled) {
                    live.complete(null);
                    return;
                }
                if (replayed.incrementAndGet() == filled) {
                    caughtUp.complete(null);
                }
                try {
                    Thread.sleep(2); // the slow link: this client's one event loop reads nothing meanwhile
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        member.ready().get(20, TimeUnit.SECONDS);
        long started = System.nanoTime();
        member.send("{\"type\":\"subscribe\",\"id\":\"slow\",\"roomId\":\"" + roomId + "\",\"sinceSeq\":0}");
        boolean recovered = subscribed.get(20, TimeUnit.SECONDS).recovered();
        try {
            CompletableFuture.anyOf(caughtUp, member.closed()).get(60, TimeUnit.SECONDS);
        } catch (TimeoutException notAll) {
            // counted below
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        owner.getFirst().send("{\"type\":\"send\",\"roomId\":\"" + roomId + "\",\"clientMsgId\":\"live\",\"body\":\"live\"}");
        try {
            live.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException notLive) {
            // counted below
        }
        boolean open = member.isOpen();
        String end = open ? "open" : "closed " + member.closeCode();
        owner.forEach(WsConnection::close);
        member.close();
        String measured = String.format("%d of %d long messages acked first; resumed recovered:%s, %d of %d replayed in "
                        + "%.1f s (%.1f MB/s), %d gaps, the live one after it: %s; the member's connection %s", filled,
                backlog, recovered, replayed.get(), filled, seconds, filled * 4.1e-3 / seconds, gaps.get(),
                live.isDone() ? "received" : "missing", end);
        return new Outcome("a member on a slow link resumes " + backlog + " messages of 4,000 characters (~2 MB/s, 8 KiB "
                        + "receive buffer)", "the whole backlog in order, then live messages, the connection open",
                measured, filled == backlog && recovered && replayed.get() == filled && gaps.get() == 0 && live.isDone()
                        && open);
    }

    /**
     * Sends {@code count} messages into the room on the user's connections, 9 a second on each (within the send
     * allowance, 10/s), and waits up to 30 s for their acks, which {@code acks} (the connections' listener) counts.
     *
     * @return how many were acked
     */
    private static int fill(List<WsConnection> connections, FrameCounter acks, String roomId, int count,
                            IntFunction<String> body) throws InterruptedException {
        int sent = 0;
        while (sent < count) {
            for (int i = 0; i < connections.size() && sent < count; i++, sent++) {
                connections.get(i).send("{\"type\":\"send\",\"id\":\"f" + sent + "\",\"roomId\":\"" + roomId
                        + "\",\"clientMsgId\":\"fill-" + System.nanoTime() + "\",\"body\":\"" + body.apply(sent) + "\"}");
            }
            Thread.sleep(111);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (acks.count("ack") < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return acks.count("ack");
    }

    /** {@code count} connections of one user, opened at once, each ready within 20 s. */
    private List<WsConnection> connectAll(WsClient ws, String token, int count, FrameListener listener) throws Exception {
        List<WsConnection> open = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            open.add(ws.connect(webSocket, token, i, listener));
        }
        for (WsConnection connection : open) {
            connection.ready().get(20, TimeUnit.SECONDS);
        }
        return open;
    }

    /** Sends into a private room of others: refused at the gateway, and nothing reaches its members. */
    Outcome nonMemberSends(WsClient ws, String token, String foreignRoomId) throws Exception {
        FrameCounter counter = new FrameCounter();
        WsConnection connection = ws.connect(webSocket, token, 0, counter);
        connection.ready().get(20, TimeUnit.SECONDS);
        for (int i = 0; i < 15; i++) {
            connection.send("{\"type\":\"send\",\"id\":\"n" + i + "\",\"roomId\":\"" + foreignRoomId
                    + "\",\"clientMsgId\":\"nm" + System.nanoTime() + "\",\"body\":\"let me in\"}");
            Thread.sleep(200);
        }
        Thread.sleep(2_000);
        connection.close();
        int refused = counter.count("error room_not_found") + counter.count("error not_member");
        return new Outcome("sends by a non-member into a private room (15)", "each refused room_not_found, none acked",
                counter.toString(), refused == 15 && counter.count("ack") == 0);
    }

    /**
     * A flood's answers, and how many requests the edge checked against its own buckets or let pass unchecked while
     * it ran: when Redis does not answer within {@code parley.edge.rate-limits.redis-timeout}, the edge's own buckets
     * decide (ADR 0035), and a request whose bucket it has no room to keep passes (ADR 0013, contract §7: degradation,
     * not failure). One edge's own buckets hold the flood to the same limit, so only the unchecked are allowed for;
     * the figures count only the edge's own metrics.
     */
    record EdgeAnswers(Map<Integer, Integer> statuses, long unchecked, long checkedByTheEdgeAlone) {

        int count(int status) {
            return statuses.getOrDefault(status, 0);
        }

        /** At most {@code allowed} served and at least {@code leastRefused} refused 429, give or take the unchecked. */
        boolean withinLimit(int served, int allowed, int leastRefused) {
            return served <= allowed + unchecked && count(429) + unchecked >= leastRefused;
        }

        String measured(String detail) {
            return statuses + detail
                    + (checkedByTheEdgeAlone == 0 ? "" : ", " + checkedByTheEdgeAlone
                            + " checked by the edge's own buckets meanwhile (Redis slower than its timeout)")
                    + (unchecked == 0 ? "" : ", " + unchecked + " passed the edge unchecked meanwhile (no room for their buckets)");
        }
    }

    private EdgeAnswers edgeLimited(Supplier<Map<Integer, Integer>> flood) {
        long uncheckedBefore = atTheEdge("parley_edge_ratelimit_unchecked_total");
        long aloneBefore = atTheEdge("parley_edge_ratelimit_local_total");
        Map<Integer, Integer> statuses = flood.get();
        return new EdgeAnswers(statuses, Math.max(0, atTheEdge("parley_edge_ratelimit_unchecked_total") - uncheckedBefore),
                Math.max(0, atTheEdge("parley_edge_ratelimit_local_total") - aloneBefore));
    }

    /** One of the edge's rate-limit counters; 0 when its metrics cannot be read. */
    private long atTheEdge(String counter) {
        return (long) Prometheus.sum(Prometheus.scrape(baseUrl), counter, "");
    }

    /**
     * The most a token bucket, full at the start, lets through in {@code seconds} as the bench measured them;
     * the server's clock started up to {@link #CLOCK_SLACK_SECONDS} earlier (the first request's way there).
     */
    private static int mostServed(int burst, double perSecond, double seconds) {
        return burst + (int) Math.ceil(perSecond * (seconds + CLOCK_SLACK_SECONDS));
    }

    private HttpRequest.Builder post(String path, String body, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Map<Integer, Integer> http(InetAddress from, int count, int concurrency,
                                       java.util.function.IntFunction<HttpRequest.Builder> request) {
        return http(from, count, concurrency, request, null);
    }

    /** Status → how many; -1 for no answer. With {@code createdIds}, the {@code id} of each 201 is kept. */
    private Map<Integer, Integer> http(InetAddress from, int count, int concurrency,
                                       java.util.function.IntFunction<HttpRequest.Builder> request, List<String> createdIds) {
        Map<Integer, Integer> statuses = new TreeMap<>();
        Semaphore slots = new Semaphore(concurrency);
        List<CompletableFuture<?>> all = new ArrayList<>();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).localAddress(from)
                .connectTimeout(Duration.ofSeconds(5)).build()) {
            for (int i = 0; i < count; i++) {
                slots.acquireUninterruptibly();
                HttpRequest built = request.apply(i).timeout(Duration.ofSeconds(30)).build();
                all.add(client.sendAsync(built, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
                    slots.release();
                    int status = failure == null ? response.statusCode() : -1;
                    synchronized (statuses) {
                        statuses.merge(status, 1, Integer::sum);
                        if (createdIds != null && status == 201) {
                            createdIds.add(response.body().replaceAll(".*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1"));
                        }
                    }
                    if (failure == null) {
                        HttpVerdict.judge(response, built.method() + " " + built.uri().getPath(), tally);
                    }
                    return null;
                }));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        }
        return statuses;
    }

    /** Counts a connection's frames by type and error code. */
    private static final class FrameCounter implements FrameListener {

        private final Map<String, Integer> counts = new TreeMap<>();

        @Override
        public synchronized void onFrame(WsConnection connection, Frame frame, long receivedNanos) {
            counts.merge(frame.type() + (frame.code() == null ? "" : " " + frame.code()), 1, Integer::sum);
        }

        synchronized int count(String key) {
            return counts.getOrDefault(key, 0);
        }

        @Override
        public synchronized String toString() {
            return counts.toString();
        }
    }
}
