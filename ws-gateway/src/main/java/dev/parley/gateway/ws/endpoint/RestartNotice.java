package dev.parley.gateway.ws.endpoint;

import dev.parley.gateway.ws.session.SessionRegistry;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * On shutdown, before the web server stops, tells every client the server is restarting (1012) so
 * it reconnects — to another instance — and resumes with {@code sinceSeq}.
 */
@Component
class RestartNotice implements SmartLifecycle {

    private volatile boolean running;
    private final SessionRegistry sessions;

    RestartNotice(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        sessions.readySessions().forEach(session -> session.close(CloseStatus.SERVICE_RESTARTED));
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
