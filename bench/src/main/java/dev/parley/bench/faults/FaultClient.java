package dev.parley.bench.faults;

import dev.parley.bench.ws.Frame;
import dev.parley.bench.ws.FrameListener;
import dev.parley.bench.ws.WsConnection;
import dev.parley.events.CloseCode;
import java.util.concurrent.locks.LockSupport;

/**
 * One well-behaved chat client's state, fed by its connection's frames (event-loop thread) and driven by
 * its {@link ClientLoop} (a thread of its own): its ledger of sends, what it received of its room, its
 * send allowance, and the subscription it is asking for. Everything is guarded by the client's monitor.
 */
final class FaultClient implements FrameListener {

    final ClientIdentity identity;
    private final SendLedger ledger = new SendLedger();
    private final RoomFeed feed = new RoomFeed();
    private final SendAllowance allowance;
    private final SubscriptionRequest subscription;
    private final ClientIncidents incidents;
    private volatile Thread loop;
    private WsConnection connection;
    private int generation;
    private boolean unauthorized;
    private final LiveProbe probe = new LiveProbe();
    private long nextNumber;

    FaultClient(ClientIdentity identity, SendAllowance allowance, Backoff subscribeBackoff) {
        this.identity = identity;
        this.allowance = allowance;
        this.subscription = new SubscriptionRequest(subscribeBackoff);
        this.incidents = new ClientIncidents(identity.label());
    }

    void loop(Thread thread) {
        this.loop = thread;
    }

    // ---- called by the load and the fault rounds ----

    /** The user writes a message: into the ledger at once, onto the wire when the allowance permits. */
    synchronized void write(long nowNanos) {
        ledger.create(identity.clientMsgIdPrefix() + "-" + nextNumber++, nowNanos);
        wake();
    }

    synchronized void fault(String name) {
        incidents.fault(name);
    }

    /** From now, watch for the client being live again: a fresh ack, subscribed, caught up to it. */
    synchronized void awaitLive(long sinceNanos) {
        probe.start(sinceNanos);
        checkLive(System.nanoTime());
    }

    synchronized long liveAtNanos() {
        return probe.liveAtNanos();
    }

    // ---- called by the client's loop ----

    synchronized int opened(WsConnection opened, long nowNanos) {
        connection = opened;
        subscription.none();
        allowance.newConnection(nowNanos);
        return ++generation;
    }

    /**
     * Writes what is due on this connection within the allowance: the subscribe (from the last seq received
     * contiguously) when one is due, then unacked sends, oldest first. Returns where the subscription stands.
     */
    synchronized SubscriptionRequest.State pump(long nowNanos, long ackTimeoutNanos) {
        if (connection == null || !connection.isOpen()) {
            return subscription.state();
        }
        if (subscription.isDue(nowNanos) && allowance.tryTake(nowNanos)) {
            connection.send(subscription.ask(identity.roomId(), feed.contiguous(), nowNanos));
        }
        ledger.resendOverdue(nowNanos, ackTimeoutNanos);
        SendLedger.Entry next;
        while ((next = ledger.nextToTransmit(generation, nowNanos)) != null && allowance.tryTake(nowNanos)) {
            ledger.transmitted(next, generation, nowNanos);
            connection.send(ClientFrames.send(identity.roomId(), next.clientMsgId));
        }
        return subscription.state();
    }

    /** After {@code recovered:false}: leave the subscription, page up to its head over HTTP, subscribe again. */
    synchronized long leaveForPaging() {
        if (connection != null && connection.isOpen()) {
            connection.send(ClientFrames.unsubscribe(identity.roomId()));
        }
        subscription.none();
        return subscription.headSeq();
    }

    synchronized long contiguous() {
        return feed.contiguous();
    }

    synchronized void paged(long seq) {
        feed.paged(seq);
    }

    /** Whether the token was refused (close 4001, or {@code unauthorized}): log in again before reconnecting. */
    synchronized boolean tokenRefused() {
        return unauthorized;
    }

    /** {@link #tokenRefused()}, and forget it: the client is about to log in again. */
    synchronized boolean takeUnauthorized() {
        boolean was = unauthorized;
        unauthorized = false;
        return was;
    }

    synchronized void connectFailed(String why, boolean tokenRefused) {
        incidents.count("connect failed: " + why);
        unauthorized |= tokenRefused;
    }

    synchronized void closedBeforeReady(int code, String reason) {
        incidents.closed(code, reason + " (before ready)");
        unauthorized |= code == CloseCode.UNAUTHORIZED.code();
    }

    // ---- frames, on the connection's event-loop thread ----

    @Override
    public synchronized void onFrame(WsConnection from, Frame frame, long receivedNanos) {
        if (from != connection || frame.type() == null) {
            return; // a late frame of an earlier connection
        }
        switch (frame.type()) {
            case "message" -> {
                if (identity.roomId().equals(frame.roomId()) && feed.message(frame.seq()) == RoomFeed.Arrival.GAP) {
                    subscription.gap();
                    incidents.note("gap on subscription " + feed.subscriptions() + ": seq " + frame.seq() + " after "
                            + feed.contiguous());
                }
            }
            case "ack" -> acked(frame, receivedNanos);
            case "subscribed" -> {
                if (subscription.answeredBy(frame)) {
                    feed.subscribed(subscription.sinceSeq(), frame.headSeq(), frame.recovered());
                }
            }
            case "unsubscribed" -> feed.ended();
            case "error" -> refused(frame, receivedNanos);
            default -> { } // presence, typing, read markers: not what this workload checks
        }
        checkLive(receivedNanos);
        wake();
    }

    @Override
    public synchronized void onClosed(WsConnection from, int code, String reason) {
        if (from == connection) {
            feed.ended();
            subscription.none();
            if (!from.closedByUs()) {
                incidents.closed(code, reason);
                unauthorized |= code == CloseCode.UNAUTHORIZED.code();
            }
        }
        wake();
    }

    private void acked(Frame frame, long receivedNanos) {
        if (ledger.acked(frame.clientMsgId(), frame.seq(), frame.messageId(), receivedNanos)
                == SendLedger.AckOutcome.CONFLICTING) {
            incidents.note("a second ack of " + frame.clientMsgId() + " names seq " + frame.seq());
        }
        probe.acked(frame.seq(), ledger.createdSince(frame.clientMsgId(), probe.sinceNanos()));
    }

    private void refused(Frame frame, long receivedNanos) {
        String code = String.valueOf(frame.code());
        incidents.count(code);
        boolean rateLimited = code.equals("rate_limited");
        long retryAfterMs = rateLimited ? Math.max(1, frame.retryAfterMs()) : 1000;
        if (rateLimited) {
            allowance.rateLimited(receivedNanos, retryAfterMs); // whichever frame it answers: silence
        }
        unauthorized |= code.equals("unauthorized");
        if (subscription.refusedBy(frame.id(), receivedNanos, retryAfterMs)) {
            return;
        }
        if (frame.id() != null && ledger.isKnown(frame.id())) {
            if (!rateLimited && !code.equals("internal") && !code.equals("unauthorized")) {
                incidents.note("send " + frame.id() + " refused with " + code);
            }
            ledger.refused(frame.id(), receivedNanos + retryAfterMs * 1_000_000L);
        }
    }

    private void checkLive(long nowNanos) {
        probe.check(nowNanos, subscription.state() == SubscriptionRequest.State.LIVE, feed.contiguous());
    }

    private void wake() {
        Thread thread = loop;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /** A copy of what the end of the run checks. */
    synchronized ClientReport report() {
        return new ClientReport(identity, ledger.entries().stream().map(entry -> new HistoryAudit.Sent(entry.clientMsgId,
                entry.seq, entry.messageId)).toList(), ledger.size(), ledger.unackedCount(), ledger.conflictingAcks() + ledger.unknownAcks(),
                ledger.overdueResends(), feed.subscriptions(), feed.gaps(), feed.missingInGaps(), feed.duplicates(),
                feed.contiguous(), feed.hasHole(), isLive(), incidents.countOf("rate_limited"), generation,
                incidents.closes(), incidents.counts(), incidents.evidence());
    }

    synchronized boolean isLive() {
        return subscription.state() == SubscriptionRequest.State.LIVE;
    }

    /** The highest seq acknowledged to this client: every member of its room must receive up to it. */
    synchronized long maxAckedSeq() {
        return ledger.entries().stream().mapToLong(entry -> entry.seq).max().orElse(0);
    }

    synchronized int unacked() {
        return ledger.unackedCount();
    }
}
