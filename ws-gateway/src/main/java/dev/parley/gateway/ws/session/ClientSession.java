package dev.parley.gateway.ws.session;

import dev.parley.gateway.ws.metrics.GatewayMetrics;
import dev.parley.gateway.ws.protocol.CloseCodes;
import dev.parley.gateway.ws.protocol.CloseStatus;
import dev.parley.gateway.ws.protocol.FrameWriter;
import dev.parley.gateway.ws.protocol.OutboundFrame;
import dev.parley.gateway.ws.protocol.ServerFrame;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * One client connection. Sending never blocks the caller: frames go through the connection's
 * {@link Outbound} buffer, and a client that lets it overflow is closed with 4009 (its answers still go out
 * first). Besides the socket it holds the connection's state: the user once authenticated, its one timer (auth
 * deadline, then token expiry), the sends it still owes an answer to (a close the server chooses waits for them),
 * its frame allowance, its heartbeat, and the probe that tells whether its client is still there when its user is
 * at the connection limit ({@link StaleConnectionProbe}). What a feature keeps about a connection beyond that is
 * the feature's own (e.g. the command feature's {@code CommandAnswers}). Its frames and lifecycle run one at a
 * time on {@link #work()}, never on the socket's event loop.
 */
public final class ClientSession {

    private static final Logger log = LoggerFactory.getLogger(ClientSession.class);

    private final String id = UUID.randomUUID().toString();
    private final Channel socket;
    private final Outbound outbound;
    private final SerialExecutor work;
    private final FrameWriter writer;
    private final SendAllowance allowance;
    private FrameArrival handling; // of the frame being handled, on the thread handling it
    private final PendingSends pendingSends = new PendingSends();
    private final AtomicReference<ScheduledFuture<?>> timer = new AtomicReference<>();
    private final AtomicReference<CloseStatus> closeWhenAnswered = new AtomicReference<>();
    private final Duration answerWait;
    private final long backlogRoom;
    private volatile long answersDueNanos;
    private volatile AuthenticatedUser user;
    private volatile boolean closing;
    private volatile int unansweredPings;
    private volatile long nextPingNanos;
    /** Frames from the client that prove it alive, pongs included: a probe compares the count before and after. */
    private volatile long framesHeard;
    private boolean ended; // guarded by this
    private CompletableFuture<Void> whenEnded; // guarded by this; made only when someone waits

    /**
     * @param drains where the socket's event loop takes the connections that have frames to write
     * @param workers the threads that run connections' work (frames, opening, end), one task at a time per connection
     */
    public ClientSession(Channel socket, LoopDrains drains, Executor workers, FrameWriter writer,
                         SessionProperties properties, LimitProperties limits, GatewayMetrics metrics) {
        this.socket = socket;
        this.writer = writer;
        this.outbound = new Outbound(socket, drains, properties.sendBufferBytes(), properties.sendTimeLimit(), metrics);
        this.work = new SerialExecutor(workers);
        this.allowance = new SendAllowance(limits, System.nanoTime());
        this.answerWait = properties.answerWait();
        this.backlogRoom = properties.sendBufferBytes() / 4;
    }

    /** The contract's {@code sessionId}; also the {@code origin.sessionId} of its commands. */
    public String id() {
        return id;
    }

    public boolean isReady() {
        return user != null;
    }

    public AuthenticatedUser user() {
        return user;
    }

    public void authenticate(AuthenticatedUser user) {
        this.user = user;
    }

    public boolean isOpen() {
        return !closing && !outbound.isFinished() && socket.isActive();
    }

    public void send(ServerFrame frame) {
        send(writer.write(frame));
    }

    /** Queues a frame; never blocks. A client whose buffer overflows is closed as a slow consumer. */
    public void send(OutboundFrame frame) {
        if (!outbound.offer(frame)) {
            beginSlowConsumerClose("send buffer full");
            outbound.offer(frame); // an answer has room once the pushes are dropped; a push is dropped itself
        }
        if (closeWhenAnswered.get() != null && pendingSends.isEmpty()) {
            closeNowAnswered(); // that was the answer to the last accepted send
        }
    }

    /**
     * Whether a frame of a backlog (a resume's replay) may be queued now: at most a quarter of what the connection may
     * have waiting is waiting, so that the rest stays free for its live pushes and answers. A backlog never overflows
     * the buffer by itself; it goes on {@link #whenRoomForBacklog when} the client has read.
     */
    public boolean hasRoomForBacklog() {
        return outbound.queuedBytes() <= backlogRoom;
    }

    /**
     * Completes once {@link #hasRoomForBacklog} holds again — or once the connection closes, so that the wait never
     * outlives the client. For the connection's own work, with {@link SerialExecutor#continueWhen}: no thread waits.
     */
    public CompletionStage<Void> whenRoomForBacklog() {
        return outbound.whenQueuedAtMost(backlogRoom);
    }

    /** Closes after the frames already queued (an error explaining the close goes out first). */
    public void close(CloseStatus status) {
        closing = true;
        cancelTimer();
        outbound.closeAfterPending(status);
    }

    /**
     * Closes once every send this connection accepted has its answer (ack or error) queued — the
     * contract's promise for every close the server chooses — or after {@code answer-wait} at the latest.
     * Nothing more is read from the client meanwhile.
     */
    public void closeAfterAnswers(CloseStatus status) {
        closeAfterAnswers(status, answerWait);
    }

    /**
     * The session's token expired: 4001 once its accepted sends are answered, as every close the server chooses —
     * but from now on only those answers reach it. Its user may no longer be allowed to read the rooms it follows,
     * so no push goes out after the expiry, not even one queued before it; the client resumes with
     * {@code sinceSeq} once it has a fresh token.
     */
    public void closeExpired() {
        outbound.keepOnlyAnswers();
        closeAfterAnswers(CloseCodes.TOKEN_EXPIRED);
    }

    /** {@link #closeAfterAnswers(CloseStatus)} with a wait of the caller's (a shutdown has its own). */
    public void closeAfterAnswers(CloseStatus status, Duration wait) {
        closing = true;
        cancelTimer();
        answersDueNanos = System.nanoTime() + wait.toNanos();
        if (closeWhenAnswered.compareAndSet(null, status) && pendingSends.isEmpty()) {
            closeNowAnswered();
        }
    }

    /** For the watchdog: a close waiting for answers that did not come in time goes ahead. */
    void closeIfAnswersOverdue(long nowNanos) {
        if (closeWhenAnswered.get() != null && nowNanos - answersDueNanos > 0) {
            closeNowAnswered();
        }
    }

    private void closeNowAnswered() {
        CloseStatus status = closeWhenAnswered.getAndSet(null);
        if (status == CloseCodes.SLOW_CONSUMER) {
            outbound.abandon(status); // the client is not reading: the answers and the close go out at once
        } else if (status != null) {
            outbound.closeAfterPending(status);
        }
    }

    /**
     * Closes with 4009: the pushes the client has not taken are dropped (it resumes with {@code sinceSeq}), but
     * not the answers — those queued, and those of its pending sends (within {@code answer-wait}) go out first,
     * whether it reads or not. They are few: a connection has at most so many sends pending, and reads no
     * more frames. 4009 overrides a close already waiting, which did not promise pushes would be dropped.
     */
    public void closeAsSlowConsumer(String reason) {
        beginSlowConsumerClose(reason);
        if (pendingSends.isEmpty()) {
            closeNowAnswered();
        }
    }

    private void beginSlowConsumerClose(String reason) {
        if (!outbound.isFinished() && closeWhenAnswered.get() != CloseCodes.SLOW_CONSUMER) {
            log.info("Closing slow session {}: {}", id, reason);
        }
        closing = true;
        cancelTimer();
        outbound.keepOnlyAnswers();
        if (closeWhenAnswered.getAndSet(CloseCodes.SLOW_CONSUMER) == null) {
            answersDueNanos = System.nanoTime() + answerWait.toNanos();
        }
    }

    /** Holds the one pending timer of the session (auth deadline, then token expiry). */
    public void replaceTimer(ScheduledFuture<?> next) {
        ScheduledFuture<?> previous = timer.getAndSet(next);
        if (previous != null) {
            previous.cancel(false);
        }
    }

    public void cancelTimer() {
        replaceTimer(null);
    }

    /** The frame about to be handled came in then: what its {@link #takeAllowance} is judged by. */
    public void handling(FrameArrival arrival) {
        this.handling = arrival;
    }

    /**
     * Takes one token of the connection's frame allowance, which a {@code send}, a {@code subscribe} and a
     * membership lookup for {@code typing}/{@code read} each cost (contract §3, §7). When none is left the
     * frame is answered {@code rate_limited} with {@code retryAfterMs} and its id, and a client that keeps
     * sending into the limit is closed with 4008 once every send it had accepted is answered.
     *
     * @return whether the frame may go on
     */
    public boolean takeAllowance(JsonNode frameId) {
        if (allowance.take(handling != null ? handling : FrameArrival.now()) instanceof SendAllowance.Refused refused) {
            send(ServerFrame.Error.rateLimited(refused.retryAfterMs(), frameId));
            if (refused.repeated()) {
                closeAfterAnswers(CloseCodes.RATE_LIMITED);
            }
            return false;
        }
        return true;
    }

    /**
     * A send this connection accepted, owed an ack or an error: the command feature's to remember and answer.
     *
     * @return the entry, for {@link #forgetSend}; {@code null} when too many are pending to remember another
     */
    public PendingSends.Pending rememberSend(UUID roomId, String clientMsgId, JsonNode frameId) {
        return pendingSends.remember(roomId, clientMsgId, frameId, System.nanoTime());
    }

    /** That very send was answered here (its command never left): another of the same clientMsgId may still wait. */
    public void forgetSend(UUID roomId, String clientMsgId, PendingSends.Pending entry) {
        pendingSends.forget(roomId, clientMsgId, entry);
    }

    /** The pending send this answer is for (the oldest of its clientMsgId), or {@code null}. */
    public PendingSends.Pending takeSend(UUID roomId, String clientMsgId) {
        return pendingSends.take(roomId, clientMsgId);
    }

    /** Where this connection's frames and lifecycle events run, one at a time and in order. */
    public SerialExecutor work() {
        return work;
    }

    /** The close frame the server sent, or {@code null} (the client closed, or the socket just ended). */
    public CloseStatus sentClose() {
        return outbound.sentClose();
    }

    /** For the socket's handler, on its event loop. */
    public void writabilityChanged() {
        outbound.writabilityChanged();
    }

    // ---- heartbeat (driven by SessionWatchdog) ----

    /** Any frame from the client, or a pong, proves it is alive. On the socket's event loop. */
    public void heardFromClient() {
        unansweredPings = 0;
        framesHeard++; // one writer: the socket's event loop
    }

    void startHeartbeat(long nowNanos, long intervalNanos) {
        nextPingNanos = nowNanos + intervalNanos;
    }

    /** Sends a ping when one is due; {@code false} when {@code maxMissed} pings went unanswered. */
    boolean heartbeat(long nowNanos, long intervalNanos, int maxMissed) {
        if (nowNanos - nextPingNanos < 0) {
            return true;
        }
        if (unansweredPings >= maxMissed) {
            return false;
        }
        unansweredPings++;
        nextPingNanos = nowNanos + intervalNanos;
        outbound.ping();
        return true;
    }

    // ---- liveness probe (driven by StaleConnectionProbe) ----

    /** Pings the client now, outside the heartbeat's rhythm; returns the mark that {@link #silentSince} takes. */
    long probe() {
        long mark = framesHeard;
        outbound.ping();
        return mark;
    }

    /**
     * Nothing came from the client since the probe's mark, though the ping reached its socket and the socket was
     * read: the client is gone. A connection whose reading is paused (its frames pile up) or whose writes wait
     * (the ping may still be queued) cannot tell, and counts as alive.
     */
    boolean silentSince(long mark) {
        return framesHeard == mark && socket.config().isAutoRead() && outbound.wroteEverything();
    }

    /**
     * Closes a connection whose client is gone, at once: the answers queued and the close frame are handed to the
     * socket, which is closed right after them (no grace for a close handshake nobody will answer).
     */
    void cut(CloseStatus status) {
        closing = true;
        cancelTimer();
        outbound.cut(status);
    }

    /** Once the connection's end is handled (it no longer counts as its user's): by whoever handles it. */
    public void ended() {
        CompletableFuture<Void> waiting;
        synchronized (this) {
            ended = true;
            waiting = whenEnded;
        }
        if (waiting != null) {
            waiting.complete(null);
        }
    }

    /** Completes once {@link #ended} was called. */
    synchronized CompletionStage<Void> whenEnded() {
        if (ended) {
            return CompletableFuture.completedFuture(null);
        }
        if (whenEnded == null) {
            whenEnded = new CompletableFuture<>();
        }
        return whenEnded;
    }

    long blockedWriteNanos() {
        return outbound.blockedNanos();
    }

    @Override
    public String toString() {
        return "ClientSession[" + id + "]";
    }
}
