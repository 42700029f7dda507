package dev.parley.gateway.ws.session;

import dev.parley.gateway.ws.protocol.CloseCodes;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Once a second, for every ready session: closes it as a slow consumer (4009) when one write to it
 * has been blocked longer than {@code sendTimeLimit} — a client that stopped reading while little
 * was queued for it; otherwise pings it when its heartbeat is due, and closes it (4008) when
 * {@code missedHeartbeats} pings in a row went unanswered — once the session's accepted sends are answered,
 * as every close the server chooses. A close that waits for the answers to the session's sends goes ahead once
 * they are overdue, and one that waits for a client that does not read (a write blocked longer than
 * {@code sendTimeLimit}) becomes a 4009.
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
            long blocked = session.blockedWriteNanos();
            if (!session.isOpen()) {
                session.closeIfAnswersOverdue(now);
                if (blocked > sendTimeLimitNanos) { // a close that waits for a client that does not read
                    session.closeAsSlowConsumer("a write was blocked for longer than the send time limit while closing");
                }
            } else if (blocked > sendTimeLimitNanos) {
                session.closeAsSlowConsumer("a write was blocked for longer than the send time limit");
            } else if (blocked == 0 && !session.heartbeat(now, heartbeatNanos, missedHeartbeats)) {
                // (while a write is blocked the client is not reading at all: the slow-consumer rule decides)
                session.closeAfterAnswers(CloseCodes.HEARTBEAT_MISSED);
            }
        }
    }
}
