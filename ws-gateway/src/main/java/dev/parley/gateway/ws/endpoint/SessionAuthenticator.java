package dev.parley.gateway.ws.endpoint;

import dev.parley.gateway.ws.presence.PresenceTracker;
import dev.parley.gateway.ws.presence.StaleConnectionsElsewhere;
import dev.parley.gateway.ws.protocol.ClientFrame;
import dev.parley.gateway.ws.protocol.CloseCodes;
import dev.parley.gateway.ws.protocol.ServerFrame;
import dev.parley.gateway.ws.session.AuthenticatedUser;
import dev.parley.gateway.ws.session.ClientSession;
import dev.parley.gateway.ws.session.SessionProperties;
import dev.parley.gateway.ws.session.SessionRegistry;
import dev.parley.gateway.ws.session.StaleConnectionProbe;
import dev.parley.gateway.ws.session.TokenVerifier;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Takes a connection to {@code ready} and keeps it authenticated: a header token makes it ready at
 * once; otherwise an {@code auth} frame must come within the auth timeout. Becoming ready records the
 * connection in the cluster's presence, which also enforces the per-user connection limit: the
 * newest connection beyond it gets no {@code ready} and is closed with 4008 — unless some of the user's
 * connections turn out to be gone, on this instance ({@link StaleConnectionProbe}) or another
 * ({@link StaleConnectionsElsewhere}): they are closed, and the admission is tried once more. The connection's work waits for that probe, no thread does; frames that
 * come meanwhile are handled after it. A later {@code auth} frame of the same user extends the session;
 * the session closes with 4001 when its token expires.
 */
@Component
class SessionAuthenticator {

    private final TokenVerifier tokens;
    private final SessionRegistry sessions;
    private final PresenceTracker presence;
    private final StaleConnectionProbe staleConnections;
    private final StaleConnectionsElsewhere staleConnectionsElsewhere;
    private final TaskScheduler scheduler;
    private final SessionProperties properties;

    SessionAuthenticator(TokenVerifier tokens, SessionRegistry sessions, PresenceTracker presence,
                         StaleConnectionProbe staleConnections, StaleConnectionsElsewhere staleConnectionsElsewhere,
                         TaskScheduler taskScheduler, SessionProperties properties) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.presence = presence;
        this.staleConnections = staleConnections;
        this.staleConnectionsElsewhere = staleConnectionsElsewhere;
        this.scheduler = taskScheduler;
        this.properties = properties;
    }

    /** A new connection, with the user of its upgrade request's token, or {@code null}. */
    void start(ClientSession session, AuthenticatedUser fromHandshake) {
        if (fromHandshake != null) {
            becomeReady(session, fromHandshake, null);
            return;
        }
        session.replaceTimer(scheduler.schedule(() -> {
            if (!session.isReady()) {
                session.close(CloseCodes.UNAUTHORIZED);
            }
        }, Instant.now().plus(properties.authTimeout())));
    }

    void authenticate(ClientSession session, ClientFrame.Auth frame) {
        Optional<AuthenticatedUser> user = tokens.verify(frame.token());
        AuthenticatedUser current = session.user();
        if (user.isEmpty() || (current != null && !current.userId().equals(user.get().userId()))) {
            if (current == null) {
                session.close(CloseCodes.UNAUTHORIZED);
            } else {
                session.closeAfterAnswers(CloseCodes.UNAUTHORIZED);
            }
        } else if (current == null) {
            becomeReady(session, user.get(), frame.id());
        } else {
            session.authenticate(user.get());
            closeWhenExpired(session, user.get());
            session.send(ready(session, frame.id()));
        }
    }

    /** The connection closed, for whatever reason. */
    void ended(ClientSession session) {
        session.cancelTimer();
        sessions.remove(session);
        if (session.isReady()) {
            presence.disconnected(session.user().userId(), session.id(), !sessions.isDraining());
        }
        session.ended();
    }

    private void becomeReady(ClientSession session, AuthenticatedUser user, JsonNode id) {
        session.cancelTimer();
        if (presence.connected(user.userId(), session.id())) {
            admit(session, user, id);
            return;
        }
        CompletionStage<Boolean> placeFreed = staleConnections.closeSilentConnectionsOf(user.userId())
                .thenCombine(staleConnectionsElsewhere.closeSilentConnectionsOf(user.userId()), Boolean::logicalOr);
        session.work().continueWhen(placeFreed, closedAny -> {
            if (!session.isOpen()) {
                return; // the client gave up meanwhile
            }
            if (Boolean.TRUE.equals(closedAny) && presence.connected(user.userId(), session.id())) {
                admit(session, user, id);
            } else {
                session.close(CloseCodes.TOO_MANY_CONNECTIONS);
            }
        });
    }

    /** The connection has its place among its user's: it is ready. */
    private void admit(ClientSession session, AuthenticatedUser user, JsonNode id) {
        session.authenticate(user);
        sessions.markReady(session);
        closeWhenExpired(session, user);
        session.send(ready(session, id));
        if (!session.isOpen()) {
            ended(session); // closed while becoming ready: its close callback may have run before
        }
    }

    private void closeWhenExpired(ClientSession session, AuthenticatedUser user) {
        if (user.expiresAt() != null) {
            session.replaceTimer(scheduler.schedule(session::closeExpired, user.expiresAt()));
        }
    }

    private ServerFrame.Ready ready(ClientSession session, JsonNode id) {
        return new ServerFrame.Ready(session.id(), session.user().userId(), properties.heartbeat().toMillis(), id);
    }
}
