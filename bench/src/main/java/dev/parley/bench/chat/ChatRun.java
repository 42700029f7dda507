package dev.parley.bench.chat;

import dev.parley.bench.measure.Latencies;
import dev.parley.bench.report.Progress;
import dev.parley.bench.ws.ClientRetries;
import dev.parley.bench.ws.SendBatch;
import dev.parley.bench.ws.WsClient;
import dev.parley.bench.ws.WsConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A chat run in a scenario's rooms ({@link ChatRooms}): one connection per member to the scenario's
 * endpoints, every member subscribed to its room, then phases of open-model sending, a drain, and the
 * check of every delivery. Workloads W1, W3, W4 and the smoke run are built from it; W1 runs it twice,
 * against Parley and against the ceiling server, with the same rooms and users.
 */
public final class ChatRun implements AutoCloseable {

    private static final int IN_FLIGHT = 64;
    private static final int SETUP_ATTEMPTS = 1 + ClientRetries.TIMES;

    private final ChatScenario scenario;
    private final ChatRooms rooms;
    private final List<WsConnection> connections = new ArrayList<>();
    private final List<WsConnection[]> byRoom = new ArrayList<>();
    private final DeliveryLedger ledger;
    private final Latencies deliveries = new Latencies("send→delivery");
    private final Latencies acks = new Latencies("send→ack");
    private final List<PhaseWindow> windows = new CopyOnWriteArrayList<>(); // the progress line reads it too
    private SendSchedule lastSchedule;
    private long subscribeRetries;
    private long upgradeRetries;
    private final long originNanos = System.nanoTime();
    private final Progress progress;
    private long nextNumber;

    private ChatRun(ChatScenario scenario, ChatRooms rooms, Progress progress) {
        this.scenario = scenario;
        this.rooms = rooms;
        this.progress = progress;
        this.ledger = new DeliveryLedger(scenario.rooms());
    }

    /** Opens a connection per member to the scenario's endpoints and subscribes each to its room. */
    public static ChatRun open(ChatScenario scenario, ChatRooms rooms, WsClient client, Progress progress) {
        ChatRun run = new ChatRun(scenario, rooms, progress);
        try {
            run.connect(client);
            run.subscribe();
            run.settle();
        } catch (RuntimeException e) {
            run.close();
            throw e;
        }
        return run;
    }

    /**
     * Opens a connection per member, {@value #IN_FLIGHT} at a time. An upgrade answered 503 (the edge could not
     * hand the connection to a ws-gateway in time — one that has just started, ADR 0023) is opened again a second
     * later, as a client would (see {@link #untilAnswered}).
     */
    private void connect(WsClient client) {
        progress.say("  opening " + scenario.connections() + " connections to " + scenario.endpoints());
        ChatListener listener = new ChatListener(ledger, deliveries, acks, originNanos);
        List<Integer> members = new ArrayList<>();
        for (int room = 0; room < scenario.rooms(); room++) {
            byRoom.add(new WsConnection[scenario.membersPerRoom()]);
            for (int m = 0; m < scenario.membersPerRoom(); m++) {
                members.add(room * scenario.membersPerRoom() + m);
            }
        }
        try {
            upgradeRetries = untilAnswered("connect", members, (pending, attempt) -> {
                Semaphore inFlight = new Semaphore(IN_FLIGHT);
                List<CompletableFuture<?>> ready = new ArrayList<>();
                for (int index : pending) {
                    inFlight.acquireUninterruptibly();
                    int room = index / scenario.membersPerRoom();
                    int m = index % scenario.membersPerRoom();
                    WsConnection connection = client.connect(scenario.endpoints().get(m % scenario.endpoints().size()),
                            rooms.member(room, m).token(), index, listener);
                    connection.attach(new ChatMember(room, m, ledger.subscription(room)));
                    connection.ready().whenComplete((frame, failure) -> inFlight.release());
                    byRoom.get(room)[m] = connection;
                    ready.add(connection.ready());
                }
                return ready;
            }, index -> connection(index).upgradeRefusedForNow(), "upgrades answered 503");
        } finally { // the last connection opened for each member: what the run uses, and what close() ends
            byRoom.forEach(seats -> connections.addAll(List.of(seats)));
        }
    }

    private WsConnection connection(int index) {
        return byRoom.get(index / scenario.membersPerRoom())[index % scenario.membersPerRoom()];
    }

    /**
     * Subscribes every connection, {@value #IN_FLIGHT} at a time. A subscribe refused with {@code internal}
     * (a lookup behind the gateway timed out — typical of a platform that just started and is still
     * compiling its code) is sent again as {@link ClientRetries} says, as a client would (see {@link #untilAnswered}).
     */
    private void subscribe() {
        progress.say("  subscribing");
        subscribeRetries = untilAnswered("subscribe", connections, (pending, attempt) -> {
            List<CompletableFuture<?>> answers = new ArrayList<>();
            Semaphore inFlight = new Semaphore(IN_FLIGHT);
            for (WsConnection connection : pending) {
                inFlight.acquireUninterruptibly();
                ChatMember member = connection.attachment();
                if (attempt > 1) {
                    member = member.resubscribing();
                    connection.attach(member);
                }
                member.subscribed().whenComplete((headSeq, failure) -> inFlight.release());
                connection.send("{\"type\":\"subscribe\",\"id\":\"s" + connection.index() + "\",\"roomId\":\""
                        + rooms.id(member.room()) + "\"}");
                answers.add(member.subscribed());
            }
            return answers;
        }, ChatRun::refusedForNow, "subscribes refused with internal");
    }

    /** One try of a set-up step for the items still pending: the answers to wait for. */
    private interface Attempt<T> {
        List<CompletableFuture<?>> start(List<T> pending, int attempt);
    }

    /**
     * Runs a set-up step until every item is answered. The items refused "for now" ({@code refusedForNow}: the
     * platform asked to be tried again) are tried again as {@link ClientRetries} says, {@value #SETUP_ATTEMPTS}
     * attempts in all; any other failure, or a refusal on the last attempt, fails the run. Returns the number of
     * retries.
     */
    private <T> long untilAnswered(String step, List<T> items, Attempt<T> attempt, Predicate<T> refusedForNow,
                                   String refusal) {
        List<T> pending = items;
        long retries = 0;
        for (int n = 1; ; n++) {
            List<CompletableFuture<?>> answers = attempt.start(pending, n);
            try {
                CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
                return retries;
            } catch (java.util.concurrent.ExecutionException e) { // every answer is in: which failed, and how?
                List<T> refused = pending.stream().filter(refusedForNow).toList();
                long failed = answers.stream().filter(CompletableFuture::isCompletedExceptionally).count();
                if (n == SETUP_ATTEMPTS || refused.size() != failed) {
                    awaitAll(answers, step); // throws, naming the failures
                }
                retries += refused.size();
                progress.say(String.format("  %d %s; again in %d s", refused.size(), refusal,
                        ClientRetries.AFTER.toSeconds()));
                sleep(ClientRetries.AFTER.toMillis());
                pending = refused;
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException(step + " did not finish within 120 s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private static boolean refusedForNow(WsConnection connection) {
        ChatMember member = connection.attachment();
        return member.subscribed().isCompletedExceptionally()
                && member.subscribed().exceptionNow() instanceof ChatListener.SubscribeRefused refused
                && refused.code().equals("internal");
    }

    /** Upgrades that were answered 503 and opened again (see {@link #connect}). */
    public long upgradeRetries() {
        return upgradeRetries;
    }

    /** Subscribes that were refused with {@code internal} and sent again (see {@link #subscribe}). */
    public long subscribeRetries() {
        return subscribeRetries;
    }

    /**
     * Waits until the platform has finished announcing the new connections: each user's first
     * connection makes it {@code online} in all its rooms, which reaches every subscriber of them —
     * a burst of presence pushes (members × members per room) that would otherwise land in the
     * warm-up and the measured phase. Done when none arrived for 2 s (at most 60 s).
     */
    private void settle() {
        long start = System.nanoTime();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long seen = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline && System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(2)) {
            long now = ledger.otherPushes();
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            }
            sleep(100);
        }
        progress.say(String.format("  settled: %d presence and membership pushes in %.1f s", seen,
                (System.nanoTime() - start) / 1e9));
    }

    /**
     * Starts sending these phases, back to back, from the end of the previous schedule (or now);
     * phase indexes continue from the previous schedule's.
     */
    public SendSchedule send(List<Phase> phases) {
        long now = System.nanoTime() - originNanos + TimeUnit.MILLISECONDS.toNanos(50);
        // a schedule stopped early (W3 past its limit) ends when it stopped, not when its plan would have
        long start = lastSchedule == null || lastSchedule.isFinished() ? now
                : Math.max(now, windows.getLast().endNanos() - originNanos);
        int firstIndex = windows.size();
        SendBatch outgoing = new SendBatch(); // one per schedule: each has its own sender thread
        SendSchedule schedule = new SendSchedule(phases, firstIndex, scenario.rooms(), scenario.membersPerRoom(),
                originNanos, start, nextNumber, new SendSchedule.Sender() {
                    @Override
                    public void send(int room, int member, int phase, long number, long intendedNanos) {
                        sendOne(outgoing, room, member, phase, number, intendedNanos);
                    }

                    @Override
                    public void flush() {
                        outgoing.flush();
                    }
                });
        for (int i = 0; i < phases.size(); i++) {
            windows.add(new PhaseWindow(firstIndex + i, phases.get(i), originNanos + schedule.phaseStart(i),
                    originNanos + schedule.phaseStart(i + 1)));
        }
        nextNumber += 1_000_000_000L; // numbers stay unique across schedules
        lastSchedule = schedule;
        return schedule.start();
    }

    private void sendOne(SendBatch outgoing, int room, int member, int phase, long number, long intendedNanos) {
        WsConnection connection = byRoom.get(room)[member];
        MessageStamp stamp = new MessageStamp(phase, number, intendedNanos);
        String clientMsgId = stamp.clientMsgId();
        ledger.sent(clientMsgId, room, phase, intendedNanos);
        outgoing.add(connection, "{\"type\":\"send\",\"id\":\"" + clientMsgId + "\",\"roomId\":\"" + rooms.id(room)
                + "\",\"clientMsgId\":\"" + clientMsgId + "\",\"body\":\"" + stamp.body(scenario.bodyBytes()) + "\"}");
    }

    /** Waits until every send is answered and every acked message reached every subscriber, or the timeout. */
    public Correctness drain(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && (ledger.pendingCount() > 0 || ledger.outstandingDeliveries() > 0)) {
            sleep(100);
        }
        return ledger.check();
    }

    /** One line of progress: totals so far (the caller computes rates). */
    public Totals totals() {
        return new Totals(ledger.sentTotal(), ledger.ackedTotal(), ledger.deliveries(), ledger.pendingCount(),
                ledger.errorCount());
    }

    public record Totals(long sent, long acked, long deliveries, long pending, long errors) {
    }

    public PhaseStats phaseStats(int phase) {
        return new PhaseStats(ledger.sent(phase), ledger.acked(phase), ledger.pending(phase), ledger.failed(phase),
                acks.phase(phase), deliveries.phase(phase));
    }

    public Map<String, Long> errors() {
        return ledger.errors();
    }

    public Latencies deliveries() {
        return deliveries;
    }

    public Latencies acks() {
        return acks;
    }

    public List<PhaseWindow> windows() {
        return List.copyOf(windows);
    }

    public ChatScenario scenario() {
        return scenario;
    }

    public long originNanos() {
        return originNanos;
    }

    /** Closes every connection (the rooms stay: their owner closes them). */
    @Override
    public void close() {
        connections.forEach(WsConnection::close);
        CompletableFuture.allOf(connections.stream().map(WsConnection::closed).toArray(CompletableFuture[]::new))
                .completeOnTimeout(null, 10, TimeUnit.SECONDS).join();
    }

    private static void awaitAll(List<CompletableFuture<?>> futures, String what) {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            long failed = futures.stream().filter(CompletableFuture::isCompletedExceptionally).count();
            throw new IllegalStateException(what + " failed for " + failed + " of " + futures.size()
                    + " connections; first: " + e.getCause(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(what + " did not finish within 120 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
