package dev.parley.gateway.ws.endpoint;

import dev.parley.gateway.ws.metrics.GatewayMetrics;
import dev.parley.gateway.ws.protocol.ClientFrame;
import dev.parley.gateway.ws.protocol.CloseCodes;
import dev.parley.gateway.ws.protocol.FrameReader;
import dev.parley.gateway.ws.protocol.FrameRejected;
import dev.parley.gateway.ws.session.AuthenticatedUser;
import dev.parley.gateway.ws.session.ClientSession;
import dev.parley.gateway.ws.session.InboundFrame;
import dev.parley.gateway.ws.session.PendingAuthentications;
import dev.parley.gateway.ws.session.SessionProperties;
import dev.parley.gateway.ws.session.SessionRegistry;
import dev.parley.gateway.ws.subscription.SubscriptionService;
import jakarta.websocket.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The {@code /ws} endpoint: connection lifecycle and frame intake. Before {@code ready} only an
 * {@code auth} frame is accepted (anything else closes with 4001); after it, malformed frames get
 * an {@code error} and the connection stays open. Binary frames close with 1003 (the base class),
 * frames over the byte limit with 1009. Text frames arrive in parts (small container buffers) and
 * are reassembled here.
 */
@Component
class GatewayWebSocketHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayWebSocketHandler.class);
    private static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private final SessionRegistry sessions;
    private final SessionAuthenticator authenticator;
    private final FrameReader reader;
    private final FrameRouter router;
    private final SubscriptionService subscriptions;
    private final GatewayMetrics metrics;
    private final long blockingSendTimeoutMs;

    GatewayWebSocketHandler(SessionRegistry sessions, SessionAuthenticator authenticator, FrameReader reader,
                            FrameRouter router, SubscriptionService subscriptions, GatewayMetrics metrics,
                            SessionProperties properties) {
        this.sessions = sessions;
        this.authenticator = authenticator;
        this.reader = reader;
        this.router = router;
        this.subscriptions = subscriptions;
        this.metrics = metrics;
        // the watchdog closes a blocked client with 4009 after sendTimeLimit; the container gives up later
        this.blockingSendTimeoutMs = properties.sendTimeLimit().toMillis() + 10_000;
    }

    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession socket) {
        if (socket instanceof NativeWebSocketSession nativeSocket
                && nativeSocket.getNativeSession(Session.class) instanceof Session container) {
            container.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, blockingSendTimeoutMs);
        }
        ClientSession session = sessions.open(socket, (PendingAuthentications.Place) socket.getAttributes()
                .remove(PendingAuthenticationLimit.PLACE_ATTRIBUTE));
        if (sessions.isDraining()) {
            session.close(CloseCodes.RESTARTING);
            return;
        }
        authenticator.start(session,
                (AuthenticatedUser) socket.getAttributes().get(BearerTokenHandshakeInterceptor.USER_ATTRIBUTE));
    }

    @Override
    protected void handleTextMessage(WebSocketSession socket, TextMessage message) {
        ClientSession session = sessions.of(socket);
        if (!session.isOpen()) {
            return;
        }
        session.heardFromClient();
        switch (session.inbound().append(message.getPayload(), message.isLast())) {
            case InboundFrame.Incomplete incomplete -> {
                // wait for the rest of the frame
            }
            case InboundFrame.TooLarge tooLarge -> {
                metrics.frameIn("too_large");
                session.close(CloseStatus.TOO_BIG_TO_PROCESS);
            }
            case InboundFrame.Complete complete -> handleFrame(session, complete.payload());
        }
    }

    @Override
    protected void handlePongMessage(WebSocketSession socket, PongMessage message) {
        ClientSession session = sessions.of(socket);
        if (session != null) {
            session.heardFromClient();
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
        metrics.closed(status.getCode());
        ClientSession session = sessions.of(socket);
        if (session != null) {
            subscriptions.dropAll(session);
            authenticator.ended(session);
        }
    }

    @Override
    public void handleTransportError(WebSocketSession socket, Throwable exception) {
        log.debug("Transport error on {}: {}", socket.getId(), exception.toString());
    }

    private void handleFrame(ClientSession session, String payload) {
        ClientFrame frame;
        try {
            frame = reader.read(payload);
        } catch (FrameRejected rejected) {
            metrics.frameIn("invalid");
            if (session.isReady()) {
                session.send(rejected.error());
            } else {
                session.close(CloseCodes.UNAUTHORIZED);
            }
            return;
        }
        metrics.frameIn(FrameReader.typeOf(frame));
        if (!session.isReady() && !(frame instanceof ClientFrame.Auth)) {
            session.close(CloseCodes.UNAUTHORIZED);
            return;
        }
        router.route(session, frame);
    }
}
