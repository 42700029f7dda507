package dev.parley.bench.ceiling;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One room of the ceiling: its subscribers and its {@code seq}, in memory only. A send gets the next seq
 * under the room's lock, and under the same lock its frames are queued as tasks on the subscribers' event
 * loops — never written straight away by the sender's loop, which would overtake an earlier seq another
 * loop queued for the same connection — so every subscriber gets the room's messages in seq order.
 */
final class CeilingRoom {

    private final String id;
    /** By event loop; each list is replaced, never changed, so a queued broadcast keeps the subscribers it was sent to. */
    private final Map<EventLoop, List<Channel>> subscribers = new LinkedHashMap<>();
    private long seq;

    CeilingRoom(String id) {
        this.id = id;
    }

    /** Adds a subscriber and answers it; every message after {@code headSeq} reaches it, none before. */
    synchronized void subscribe(Channel channel, String requestId) {
        List<Channel> onLoop = new ArrayList<>(subscribers.getOrDefault(channel.eventLoop(), List.of()));
        if (!onLoop.contains(channel)) {
            onLoop.add(channel);
            subscribers.put(channel.eventLoop(), List.copyOf(onLoop));
        }
        write(channel, CeilingFrames.subscribed(channel.alloc(), requestId, id, seq));
    }

    synchronized void unsubscribe(Channel channel) {
        List<Channel> onLoop = new ArrayList<>(subscribers.getOrDefault(channel.eventLoop(), List.of()));
        if (onLoop.remove(channel)) {
            subscribers.put(channel.eventLoop(), List.copyOf(onLoop));
        }
    }

    /**
     * The next seq: acknowledged to the sender and pushed to every subscriber — one serialized frame whose
     * buffer every connection shares (a retained duplicate each), one task per event loop, flushed per connection.
     */
    synchronized void send(Channel sender, String requestId, String clientMsgId, String body, String senderId) {
        long assigned = ++seq;
        String messageId = CeilingFrames.messageId();
        String createdAt = Instant.now().toString();
        write(sender, CeilingFrames.ack(sender.alloc(), requestId, id, clientMsgId, assigned, messageId, createdAt));
        broadcast(CeilingFrames.message(sender.alloc(), messageId, id, assigned, senderId, clientMsgId, body,
                createdAt));
    }

    /** A message whose seq was given elsewhere ({@link FloorPipeline}), pushed as {@link #send} pushes one. */
    synchronized void deliver(long assigned, ByteBuf message) {
        seq = assigned;
        broadcast(message);
    }

    private void broadcast(ByteBuf message) {
        try {
            subscribers.forEach((loop, channels) -> {
                ByteBuf shared = message.retainedDuplicate();
                loop.execute(() -> {
                    try {
                        for (Channel channel : channels) {
                            channel.writeAndFlush(new TextWebSocketFrame(shared.retainedDuplicate()), channel.voidPromise());
                        }
                    } finally {
                        shared.release();
                    }
                });
            });
        } finally {
            message.release();
        }
    }

    /** Queued behind whatever the room queued before for the same connection. */
    static void write(Channel channel, ByteBuf json) {
        channel.eventLoop().execute(() -> channel.writeAndFlush(new TextWebSocketFrame(json), channel.voidPromise()));
    }
}
