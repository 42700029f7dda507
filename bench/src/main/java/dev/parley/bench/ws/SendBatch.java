package dev.parley.bench.ws;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Frames queued by one thread and handed to the connections' event loops together: one task (and at
 * most one wake-up) per event loop and flush, instead of one per frame. Not thread-safe: one sender
 * thread owns it.
 */
public final class SendBatch {

    private final Map<EventLoop, List<Pending>> byLoop = new IdentityHashMap<>();

    public void add(WsConnection connection, String json) {
        Channel channel = connection.channel();
        byLoop.computeIfAbsent(channel.eventLoop(), loop -> new ArrayList<>()).add(new Pending(channel, json));
    }

    /** Sends everything added since the last flush. */
    public void flush() {
        byLoop.forEach((loop, pending) -> {
            if (!pending.isEmpty()) {
                List<Pending> frames = List.copyOf(pending);
                pending.clear();
                loop.execute(() -> frames.forEach(frame ->
                        frame.channel().writeAndFlush(new TextWebSocketFrame(frame.json()), frame.channel().voidPromise())));
            }
        });
    }

    private record Pending(Channel channel, String json) {
    }
}
