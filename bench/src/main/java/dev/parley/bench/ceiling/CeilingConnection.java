package dev.parley.bench.ceiling;

import dev.parley.bench.ceiling.CeilingFrames.ClientFrame;
import dev.parley.events.CloseCode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client of the ceiling. Authenticated as Parley does it — a bearer token in the upgrade request, or
 * an {@code auth} frame first — but any token will do: {@code ready} names the token's subject. Then
 * {@code subscribe}, {@code unsubscribe}, {@code send} and {@code ping}; anything else is {@code unknown_type}.
 * Runs on the connection's event loop only.
 */
final class CeilingConnection extends SimpleChannelInboundHandler<TextWebSocketFrame> {

    private static final String BEARER = "Bearer ";

    private static final AtomicLong IDS = new AtomicLong();

    private final ConcurrentMap<String, CeilingRoom> rooms;
    /** Floor mode: where sends go, and the connections its acks find by id; null when the ceiling broadcasts. */
    private final FloorPipeline floor;
    private final ConcurrentMap<Long, Channel> connections;
    private final long connectionId = IDS.incrementAndGet();
    private final String sessionId = UUID.randomUUID().toString();
    private final Set<CeilingRoom> subscribed = new HashSet<>();
    private String userId;

    CeilingConnection(ConcurrentMap<String, CeilingRoom> rooms, FloorPipeline floor,
                      ConcurrentMap<Long, Channel> connections) {
        this.rooms = rooms;
        this.floor = floor;
        this.connections = connections;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
        if (event instanceof HandshakeComplete handshake) {
            String authorization = handshake.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
            if (authorization != null && authorization.startsWith(BEARER)) {
                ready(context, null, authorization.substring(BEARER.length()));
            }
        }
        super.userEventTriggered(context, event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, TextWebSocketFrame text) {
        ClientFrame frame = CeilingFrames.parse(text.content());
        if (userId == null) {
            if ("auth".equals(frame.type())) {
                ready(context, frame.id(), frame.token());
            } else {
                context.writeAndFlush(new CloseWebSocketFrame(CloseCode.UNAUTHORIZED.code(), "unauthorized"))
                        .addListener(ChannelFutureListener.CLOSE);
            }
            return;
        }
        switch (String.valueOf(frame.type())) {
            case "send" -> {
                if (floor == null) {
                    room(frame).send(context.channel(), frame.id(), frame.clientMsgId(), frame.body(), userId);
                } else {
                    floor.send(connectionId, frame.id(), String.valueOf(frame.roomId()), frame.clientMsgId(),
                            frame.body(), userId);
                }
            }
            case "subscribe" -> {
                CeilingRoom room = room(frame);
                subscribed.add(room);
                room.subscribe(context.channel(), frame.id());
            }
            case "unsubscribe" -> {
                CeilingRoom room = room(frame);
                subscribed.remove(room);
                room.unsubscribe(context.channel());
                answer(context, CeilingFrames.answer(context.alloc(), "unsubscribed", frame.id(), frame.roomId()));
            }
            case "ping" -> answer(context, CeilingFrames.answer(context.alloc(), "pong", frame.id(), null));
            case "auth" -> ready(context, frame.id(), frame.token());
            default -> answer(context, CeilingFrames.error(context.alloc(), frame.id(), "unknown_type",
                    "the ceiling speaks auth, subscribe, unsubscribe, send and ping"));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        subscribed.forEach(room -> room.unsubscribe(context.channel()));
        subscribed.clear();
        connections.remove(connectionId);
        super.channelInactive(context);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        context.close();
    }

    private CeilingRoom room(ClientFrame frame) {
        return rooms.computeIfAbsent(String.valueOf(frame.roomId()), CeilingRoom::new);
    }

    private void ready(ChannelHandlerContext context, String requestId, String token) {
        if (userId == null) {
            userId = CeilingFrames.subject(token);
            connections.put(connectionId, context.channel());
        }
        answer(context, CeilingFrames.ready(context.alloc(), requestId, sessionId, userId));
    }

    private static void answer(ChannelHandlerContext context, ByteBuf json) {
        context.writeAndFlush(new TextWebSocketFrame(json), context.voidPromise());
    }
}
