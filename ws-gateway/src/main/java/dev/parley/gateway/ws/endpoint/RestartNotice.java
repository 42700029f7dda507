package dev.parley.gateway.ws.endpoint;

import dev.parley.gateway.ws.protocol.CloseCodes;
import dev.parley.gateway.ws.session.SessionProperties;
import dev.parley.gateway.ws.session.SessionRegistry;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On shutdown, before the web server stops: takes no new connections (a late one is closed with
 * 1012 at once), tells every client the server is restarting (1012) so it reconnects — to another
 * instance — and resumes with {@code sinceSeq}, and waits up to {@code shutdownWait} for the
 * connections to close, so their presence is cleaned up while Redis and Kafka are still at hand. A
 * connection with sends still unanswered gets their acks first (the Kafka listeners stop after this),
 * unless they take longer than that wait.
 */
@Component
class RestartNotice implements SmartLifecycle {

    /** After the answers were waited for: the close frames themselves. */
    private static final Duration FINAL_CLOSE_WAIT = Duration.ofSeconds(1);

    private final SessionRegistry sessions;
    private final Duration wait;
    private volatile boolean running;

    RestartNotice(SessionRegistry sessions, SessionProperties properties) {
        this.sessions = sessions;
        this.wait = properties.shutdownWait();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        sessions.startDraining();
        sessions.openSessions().forEach(session -> session.closeAfterAnswers(CloseCodes.RESTARTING, wait));
        long deadline = System.nanoTime() + wait.toNanos();
        if (!awaitAllClosed(deadline)) {
            sessions.openSessions().forEach(session -> session.close(CloseCodes.RESTARTING));
            awaitAllClosed(System.nanoTime() + FINAL_CLOSE_WAIT.toNanos());
        }
    }

    private boolean awaitAllClosed(long deadline) {
        while (!sessions.openSessions().isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
