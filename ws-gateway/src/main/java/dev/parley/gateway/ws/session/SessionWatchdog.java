package dev.parley.gateway.ws.session;

import dev.parley.gateway.ws.protocol.CloseCodes;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Once a second, for every ready session: closes it as a slow consumer (4009) when one write to it
 * has been blocked longer than {@code sendTimeLimit} — a client that stopped reading while little
 * was queued for it; otherwise pings it when its heartbeat is due, and closes it (4008) when
 * {@code missedHeartbeats} pings in a row went unanswered. A close that waits for the answers to the
 * session's sends goes ahead once they are overdue.
 */
@Component
class SessionWatchdog {

    private final SessionRegistry sessions;
    private final long heartbeatNanos;
    private final int missedHeartbeats;
    private final long sendTimeLimitNanos;

    SessionWatchdog(SessionRegistry sessions, SessionProperties properties) {
        this.sessions = sessions;
        this.heartbeatNanos = properties.heartbeat().toNanos();
        this.missedHeartbeats = properties.missedHeartbeats();
        this.sendTimeLimitNanos = properties.sendTimeLimit().toNanos();
    }

    @Scheduled(fixedDelayString = "${parley.ws.session.watchdog-interval:1s}")
    void check() {
        long now = System.nanoTime();
        for (ClientSession session : sessions.readySessions()) {
            if (!session.isOpen()) {
                session.closeIfAnswersOverdue(now);
                continue;
            }
            long blocked = session.blockedWriteNanos();
            if (blocked > sendTimeLimitNanos) {
                session.closeAsSlowConsumer("a write was blocked for longer than the send time limit");
            } else if (blocked == 0 && !session.heartbeat(now, heartbeatNanos, missedHeartbeats)) {
                // (while a write is blocked the client is not reading at all: the slow-consumer rule decides)
                session.closeNow(CloseCodes.HEARTBEAT_MISSED);
            }
        }
    }
}
