package dev.parley.gateway.ws.command;

import dev.parley.events.message.MessagePosted;
import dev.parley.events.message.MessageRejected;
import dev.parley.events.message.ReadMarkerMoved;
import dev.parley.events.message.SendRepeated;
import dev.parley.gateway.ws.metrics.GatewayMetrics;
import dev.parley.gateway.ws.protocol.ServerFrame;
import dev.parley.gateway.ws.session.ClientSession;
import dev.parley.gateway.ws.session.PendingSends;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * What the command feature answers when the outcome of a session's own command comes back through the
 * fan-out, so that no other feature reads command state off a session: the {@code ack} or {@code error} of
 * a {@code send} (echoing its frame's {@code id}; the send → ack time), and whether a {@code read} push is
 * the echo of the connection's own {@code read} frame, which it does not get back (contract §3).
 *
 * <p>The read markers a connection asked for are kept here until their echo passes, weakly per session: a
 * connection that closes before its echo arrives leaves nothing behind.
 */
@Component
public class CommandAnswers {

    private final Map<ClientSession, Map<UUID, Long>> ownReads = Collections.synchronizedMap(new WeakHashMap<>());
    private final GatewayMetrics metrics;

    CommandAnswers(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    /** The sender's ack of a stored message. */
    public void posted(ClientSession sender, MessagePosted posted) {
        acked(sender, posted.roomId(), posted.clientMsgId(), pending -> ServerFrame.Ack.of(posted, pending));
    }

    /** The sender's ack of a resend: the message it stored before. */
    public void repeated(ClientSession sender, SendRepeated repeated) {
        acked(sender, repeated.roomId(), repeated.clientMsgId(), pending -> ServerFrame.Ack.of(repeated, pending));
    }

    private void acked(ClientSession sender, UUID roomId, String clientMsgId, Function<JsonNode, ServerFrame.Ack> ack) {
        PendingSends.Pending pending = sender.takeSend(roomId, clientMsgId);
        sender.send(ack.apply(pending == null ? null : pending.id()));
        if (pending != null) {
            metrics.acked(Duration.ofNanos(System.nanoTime() - pending.receivedNanos()));
        }
    }

    /** The sender's error for a refused command. */
    public void rejected(ClientSession sender, MessageRejected rejected) {
        PendingSends.Pending pending = sender.takeSend(rejected.roomId(), rejected.clientMsgId());
        sender.send(ServerFrame.Error.ofRejection(rejected, pending == null ? null : pending.id()));
    }

    /**
     * Whether the move is the echo of this connection's own {@code read} frame (then it is forgotten: the
     * next move is news). message-service clamps a marker beyond the room's last message, so a move to
     * a lower seq than asked for is the echo too.
     */
    public boolean isOwnRead(ClientSession session, ReadMarkerMoved moved) {
        if (!moved.userId().equals(session.user().userId())) {
            return false;
        }
        Map<UUID, Long> asked = ownReads.get(session);
        Long requested = asked == null ? null : asked.get(moved.roomId());
        return requested != null && requested >= moved.seq() && asked.remove(moved.roomId(), requested);
    }

    void rememberOwnRead(ClientSession session, UUID roomId, long seq) {
        ownReads.computeIfAbsent(session, any -> new ConcurrentHashMap<>()).put(roomId, seq);
    }
}
