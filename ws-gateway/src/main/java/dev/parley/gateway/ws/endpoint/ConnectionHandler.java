package dev.parley.gateway.ws.endpoint;

import dev.parley.gateway.ws.command.MessageCommands;
import dev.parley.gateway.ws.metrics.GatewayMetrics;
import dev.parley.gateway.ws.protocol.ClientFrame;
import dev.parley.gateway.ws.protocol.CloseCodes;
import dev.parley.gateway.ws.protocol.CloseStatus;
import dev.parley.gateway.ws.protocol.FrameReader;
import dev.parley.gateway.ws.protocol.FrameRejected;
import dev.parley.gateway.ws.session.ClientSession;
import dev.parley.gateway.ws.session.FrameArrival;
import dev.parley.gateway.ws.session.SessionRegistry;
import dev.parley.gateway.ws.subscription.SubscriptionService;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A connection's life once it is a WebSocket: it opens as a {@link ClientSession}, its frames are handled as
 * the session's work in order (a known member's {@code send} on the event loop when nothing waits, the rest
 * on a connection worker), and its end is cleaned up there too. Before {@code ready} only an {@code auth}
 * frame is accepted (anything else closes with 4001); after it, malformed frames get an {@code error} and the
 * connection stays open. Binary frames close with 1003, frames over the byte limit with 1009 (one frame: the
 * decoder; a message in fragments: the aggregator before this handler), broken ones with 1007 or 1002 — each
 * once the frames before it are handled and every send accepted is answered. A connection whose frames pile up
 * unhandled is not read from until its work catches up, so no client can queue unbounded work.
 */
@Component
@ChannelHandler.Sharable
class ConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);
    private static final AttributeKey<CloseStatus> RECEIVED_CLOSE = AttributeKey.valueOf("parley.receivedClose");
    /** The protocol violation the connection is being closed for: nothing it sends after it is handled. */
    private static final AttributeKey<CloseStatus> VIOLATION = AttributeKey.valueOf("parley.violation");
    /** When reading from the connection paused; kept until the first read after it resumed is handed on. */
    private static final AttributeKey<Long> READING_PAUSED_AT = AttributeKey.valueOf("parley.readingPausedAt");
    /** Frames a connection may have waiting for its work before reading from it pauses; it resumes at half. */
    private static final int MAX_WAITING_FRAMES = 32;
    private static final int ABNORMAL_CLOSURE = 1006;

    private final SessionRegistry sessions;
    private final SessionAuthenticator authenticator;
    private final FrameReader reader;
    private final FrameRouter router;
    private final SubscriptionService subscriptions;
    private final MessageCommands commands;
    private final GatewayMetrics metrics;

    ConnectionHandler(SessionRegistry sessions, SessionAuthenticator authenticator, FrameReader reader,
                      FrameRouter router, SubscriptionService subscriptions, MessageCommands commands,
                      GatewayMetrics metrics) {
        this.sessions = sessions;
        this.authenticator = authenticator;
        this.reader = reader;
        this.router = router;
        this.subscriptions = subscriptions;
        this.commands = commands;
        this.metrics = metrics;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            Channel channel = ctx.channel();
            ClientSession session = sessions.open(channel, channel.attr(UpgradeGate.PLACE).getAndSet(null));
            var user = channel.attr(UpgradeGate.USER).getAndSet(null);
            session.work().execute(() -> {
                if (sessions.isDraining()) {
                    session.close(CloseCodes.RESTARTING);
                } else {
                    authenticator.start(session, user);
                }
            });
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        ClientSession session = sessions.of(ctx.channel());
        try {
            if (session == null) {
                return; // not a WebSocket (yet): nothing for a session
            }
            switch (message) {
                case TextWebSocketFrame text -> accept(ctx, session, text.text());
                case PongWebSocketFrame pong -> session.heardFromClient();
                case BinaryWebSocketFrame binary -> violated(ctx, session, CloseStatus.NOT_ACCEPTABLE);
                case CloseWebSocketFrame close -> closedByClient(ctx, session, close);
                default -> {
                    // pings are answered by the protocol handler
                }
            }
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    private void accept(ChannelHandlerContext ctx, ClientSession session, String payload) {
        if (!session.isOpen() || ctx.channel().hasAttr(VIOLATION)) {
            return;
        }
        session.heardFromClient();
        Long pausedAt = ctx.channel().attr(READING_PAUSED_AT).get(); // it may have waited in the socket since
        Runnable handling = handleHereOrLater(session, payload,
                pausedAt == null ? FrameArrival.now() : new FrameArrival(System.nanoTime(), pausedAt));
        if (handling == null) {
            return;
        }
        session.work().execute(() -> {
            handling.run();
            if (!ctx.channel().config().isAutoRead() && session.work().pending() <= MAX_WAITING_FRAMES / 2) {
                ctx.channel().config().setAutoRead(true);
            }
        });
        if (session.work().pending() > MAX_WAITING_FRAMES) {
            ctx.channel().config().setAutoRead(false);
            ctx.channel().attr(READING_PAUSED_AT).setIfAbsent(System.nanoTime());
        }
    }

    /** The first read once reading resumed took in what waited in the socket meanwhile: frames read later did not wait. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (ctx.channel().config().isAutoRead() && ctx.channel().hasAttr(READING_PAUSED_AT)) {
            ctx.channel().attr(READING_PAUSED_AT).set(null);
        }
        ctx.fireChannelReadComplete();
    }

    private void closedByClient(ChannelHandlerContext ctx, ClientSession session, CloseWebSocketFrame close) {
        ctx.channel().attr(RECEIVED_CLOSE).set(new CloseStatus(close.statusCode(), close.reasonText()));
        if (session.sentClose() == null) { // the client began the closing handshake: answer it
            ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode() < 0 ? 1000 : close.statusCode(), ""))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ClientSession session = sessions.of(ctx.channel());
        if (session != null) {
            session.writabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        UpgradeGate.releasePlace(ctx);
        ClientSession session = sessions.of(ctx.channel());
        if (session != null) {
            CloseStatus sent = session.sentClose();
            CloseStatus received = ctx.channel().attr(RECEIVED_CLOSE).get();
            int code = sent != null ? sent.code() : received != null ? received.code() : ABNORMAL_CLOSURE;
            session.work().execute(() -> {
                metrics.closed(code);
                subscriptions.dropAll(session);
                authenticator.ended(session);
            });
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ClientSession session = sessions.of(ctx.channel());
        if (session != null && cause instanceof TooLongFrameException) { // a message in fragments, over the limit
            metrics.frameIn("too_large");
            violated(ctx, session, CloseStatus.TOO_BIG_TO_PROCESS);
        } else if (session != null && cause instanceof CorruptedWebSocketFrameException broken) {
            // one frame over the limit (1009), bad UTF-8 (1007), a broken frame (1002): the decoder drops the rest
            WebSocketCloseStatus status = broken.closeStatus();
            if (status.code() == CloseStatus.TOO_BIG_TO_PROCESS.code()) {
                metrics.frameIn("too_large");
            }
            violated(ctx, session, new CloseStatus(status.code(), status.reasonText()));
        } else {
            log.debug("Transport error on {}: {}", ctx.channel(), cause.toString());
            ctx.close();
        }
    }

    /**
     * The client broke the protocol: no frame after this one is handled, but those before it are, and the
     * connection closes once every send it had accepted is answered (contract §3), like any close the server
     * chooses. The close waits in line behind those frames, on the connection's work.
     */
    private void violated(ChannelHandlerContext ctx, ClientSession session, CloseStatus status) {
        if (ctx.channel().attr(VIOLATION).setIfAbsent(status) == null) {
            session.work().execute(() -> session.closeAfterAnswers(status));
        }
    }

    /**
     * A ready connection with no work waiting has its frame read on the event loop: a known member's {@code send}
     * is then handled there too, a Kafka command handed to the producer, without the hand-off to a connection
     * worker and back (a third of the workers' time under load, ADR 0024). Everything else is read once, here or
     * on the worker, and handled on the worker.
     *
     * @return what the worker is to do with the frame, or null when it was handled here
     */
    private Runnable handleHereOrLater(ClientSession session, String payload, FrameArrival arrival) {
        if (!session.isReady() || session.work().pending() > 0) {
            return () -> handleFrame(session, payload, arrival);
        }
        ClientFrame frame;
        try {
            frame = reader.read(payload);
        } catch (FrameRejected rejected) {
            return () -> refuse(session, rejected);
        }
        if (frame instanceof ClientFrame.Send send && commands.sendsWithoutWaiting(session, send)
                && session.work().runHereIfIdle(() -> handleHere(session, send, arrival))) {
            return null;
        }
        return () -> handle(session, frame, arrival);
    }

    private void handleFrame(ClientSession session, String payload, FrameArrival arrival) {
        ClientFrame frame;
        try {
            frame = reader.read(payload);
        } catch (FrameRejected rejected) {
            refuse(session, rejected);
            return;
        }
        handle(session, frame, arrival);
    }

    private void refuse(ClientSession session, FrameRejected rejected) {
        if (!session.isOpen()) {
            return;
        }
        metrics.frameIn("invalid");
        if (session.isReady()) {
            session.send(rejected.error());
        } else {
            session.close(CloseCodes.UNAUTHORIZED);
        }
    }

    /** A known member's send on the event loop of a ready connection: as {@link #handle}, and nothing waits. */
    private void handleHere(ClientSession session, ClientFrame.Send send, FrameArrival arrival) {
        if (!session.isOpen()) {
            return;
        }
        metrics.frameIn(FrameReader.typeOf(send));
        session.handling(arrival);
        commands.sendOnEventLoop(session, send);
    }

    private void handle(ClientSession session, ClientFrame frame, FrameArrival arrival) {
        if (!session.isOpen()) {
            return;
        }
        metrics.frameIn(FrameReader.typeOf(frame));
        if (!session.isReady() && !(frame instanceof ClientFrame.Auth)) {
            session.close(CloseCodes.UNAUTHORIZED);
            return;
        }
        session.handling(arrival);
        router.route(session, frame);
    }
}
