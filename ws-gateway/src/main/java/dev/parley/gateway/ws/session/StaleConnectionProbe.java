package dev.parley.gateway.ws.session;

import dev.parley.gateway.ws.protocol.CloseCodes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Finds a user's connections on this instance whose clients are gone without closing, when the connection
 * limit refuses the user a new one. A phone that switches from Wi-Fi to cellular leaves its old connections
 * half-open: the server cannot tell until the heartbeat finds them (two missed, up to 50 s), and meanwhile they
 * count against the limit, so a user reconnecting several devices at once would be refused the new ones.
 * Each of the user's ready connections here is pinged at once — a WebSocket ping, which every client's stack
 * answers with a pong by itself — and one from which nothing at all comes within {@code stale-probe-timeout}
 * is closed (4008, heartbeat missed) without waiting for a close handshake nobody will answer. The probe
 * completes once the ends of those it closed are handled, so that their places are free. Connections on other
 * instances are probed by their own instance, when this one asks it to (StaleConnectionsElsewhere in presence).
 *
 * <p>One probe per user at a time. A connection refused while one runs waits for its outcome instead of being
 * refused at once: a storm reconnects several devices together, and that probe pings every connection a second
 * one would. For a window after a probe every connection of the user was just heard from (or closed), so no new
 * probe starts and the user's connections beyond the limit are refused at once. A client opening connections in
 * a loop thus gets at most one probe — a ping to each of its own connections — per two windows, and no thread
 * waits for it: a scheduled task, and a callback per connection waiting for the outcome.
 */
@Component
public class StaleConnectionProbe {

    private static final Logger log = LoggerFactory.getLogger(StaleConnectionProbe.class);
    private static final CompletionStage<Boolean> NOTHING_CLOSED = CompletableFuture.completedStage(false);

    private final SessionRegistry sessions;
    private final TaskScheduler scheduler;
    private final Duration timeout;
    /** Each user's probe, while it runs and for a window after; then removed. */
    private final Map<UUID, CompletableFuture<Boolean>> probes = new ConcurrentHashMap<>();

    StaleConnectionProbe(SessionRegistry sessions, TaskScheduler taskScheduler, LimitProperties limits) {
        this.sessions = sessions;
        this.scheduler = taskScheduler;
        this.timeout = limits.staleProbeTimeout();
    }

    /**
     * Probes the user's connections here, or joins the probe of them already running.
     *
     * @return completes with whether any connection was closed: a place may be free now
     */
    public CompletionStage<Boolean> closeSilentConnectionsOf(UUID userId) {
        CompletableFuture<Boolean> probe = new CompletableFuture<>();
        CompletableFuture<Boolean> earlier = probes.putIfAbsent(userId, probe);
        if (earlier != null) {
            return earlier.isDone() ? NOTHING_CLOSED : earlier.minimalCompletionStage();
        }
        Map<ClientSession, Long> marks = new IdentityHashMap<>();
        for (ClientSession connection : List.copyOf(sessions.ofUser(userId))) {
            marks.put(connection, connection.probe());
        }
        try {
            if (marks.isEmpty()) {
                finish(userId, probe, false); // all of them are on other instances (asked separately)
            } else {
                scheduler.schedule(() -> judge(userId, marks, probe), Instant.now().plus(timeout));
            }
        } catch (RuntimeException e) { // the scheduler is shutting down
            probe.complete(false);
            probes.remove(userId, probe);
        }
        return probe.minimalCompletionStage();
    }

    private void judge(UUID userId, Map<ClientSession, Long> marks, CompletableFuture<Boolean> probe) {
        List<CompletableFuture<Void>> ends = new ArrayList<>();
        try {
            marks.forEach((connection, mark) -> {
                if (connection.silentSince(mark)) {
                    log.info("Closing session {} of user {}: nothing came from it within {} of a ping, and the user "
                            + "is at the connection limit", connection.id(), userId, timeout);
                    connection.cut(CloseCodes.HEARTBEAT_MISSED);
                    ends.add(connection.whenEnded().toCompletableFuture());
                }
            });
        } finally {
            // an end stuck behind its connection's work (a slow call) is not waited for beyond another window
            CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new))
                    .completeOnTimeout(null, timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((done, failure) -> finish(userId, probe, !ends.isEmpty()));
        }
    }

    private void finish(UUID userId, CompletableFuture<Boolean> probe, boolean closedAny) {
        probe.complete(closedAny);
        try {
            scheduler.schedule(() -> probes.remove(userId, probe), Instant.now().plus(timeout));
        } catch (RuntimeException e) {
            probes.remove(userId, probe);
        }
    }
}
