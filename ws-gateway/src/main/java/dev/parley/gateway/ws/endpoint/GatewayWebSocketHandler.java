package dev.parley.gateway.ws.endpoint;

import dev.parley.gateway.ws.protocol.ClientFrame;
import dev.parley.gateway.ws.protocol.CloseCodes;
import dev.parley.gateway.ws.protocol.FrameReader;
import dev.parley.gateway.ws.protocol.FrameRejected;
import dev.parley.gateway.ws.session.AuthenticatedUser;
import dev.parley.gateway.ws.session.ClientSession;
import dev.parley.gateway.ws.session.SessionProperties;
import dev.parley.gateway.ws.session.SessionRegistry;
import dev.parley.gateway.ws.subscription.SubscriptionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The {@code /ws} endpoint: connection lifecycle and frame intake. Before {@code ready} only an
 * {@code auth} frame is accepted (anything else closes with 4001); after it, malformed frames get
 * an {@code error} and the connection stays open. Binary frames close with 1003 (the base class),
 * frames over the byte limit with 1009.
 */
@Component
class GatewayWebSocketHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayWebSocketHandler.class);

    private final SessionRegistry sessions;
    private final SessionAuthenticator authenticator;
    private final FrameReader reader;
    private final FrameRouter router;
    private final SubscriptionService subscriptions;
    private final int maxFrameBytes;

    GatewayWebSocketHandler(SessionRegistry sessions, SessionAuthenticator authenticator, FrameReader reader,
                            FrameRouter router, SubscriptionService subscriptions, SessionProperties properties) {
        this.sessions = sessions;
        this.authenticator = authenticator;
        this.reader = reader;
        this.router = router;
        this.subscriptions = subscriptions;
        this.maxFrameBytes = properties.maxFrameBytes();
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession socket) {
        ClientSession session = sessions.open(socket);
        authenticator.start(session,
                (AuthenticatedUser) socket.getAttributes().get(BearerTokenHandshakeInterceptor.USER_ATTRIBUTE));
    }

    @Override
    protected void handleTextMessage(WebSocketSession socket, TextMessage message) {
        ClientSession session = sessions.of(socket);
        if (exceedsFrameLimit(message)) {
            session.close(CloseStatus.TOO_BIG_TO_PROCESS);
            return;
        }
        ClientFrame frame;
        try {
            frame = reader.read(message.getPayload());
        } catch (FrameRejected rejected) {
            if (session.isReady()) {
                session.send(rejected.error());
            } else {
                session.close(CloseCodes.UNAUTHORIZED);
            }
            return;
        }
        if (!session.isReady() && !(frame instanceof ClientFrame.Auth)) {
            session.close(CloseCodes.UNAUTHORIZED);
            return;
        }
        router.route(session, frame);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
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

    /** A UTF-8 character takes at most three bytes, so short frames skip the encoding. */
    private boolean exceedsFrameLimit(TextMessage message) {
        return message.getPayload().length() * 3L > maxFrameBytes && message.getPayloadLength() > maxFrameBytes;
    }
}
