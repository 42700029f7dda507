package dev.parley.gateway.ws.command;

import dev.parley.events.message.MarkRead;
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
import java.util.function.Function;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * What the command feature answers when the outcome of a session's own command comes back through the
 * fan-out, so that no other feature reads command state off a session: the {@code ack} or {@code error} of
 * a {@code send} (echoing its frame's {@code id}; the send → ack time), the {@code error} of a refused
 * {@code read} (echoing its frame's {@code id}), and whether a {@code read} push is the echo of the
 * connection's own {@code read} frame, which it does not get back (contract §3).
 *
 * <p>The read markers a connection asked for ({@link OwnReads}: every one still in flight per room, with its
 * command and frame id) are kept here until their echo passes or their refusal comes, weakly per session: a
 * connection that closes before its echo arrives leaves nothing behind.
 */
@Component
public class CommandAnswers {

    private final Map<ClientSession, OwnReads> ownReads = Collections.synchronizedMap(new WeakHashMap<>());
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

    /** The sender's error for a refused command: a {@code send}'s, or a {@code read}'s (which has no clientMsgId). */
    public void rejected(ClientSession sender, MessageRejected rejected) {
        if (rejected.clientMsgId() == null) {
            sender.send(ServerFrame.Error.ofRejection(rejected, refusedRead(sender, rejected)));
            return;
        }
        PendingSends.Pending pending = sender.takeSend(rejected.roomId(), rejected.clientMsgId());
        sender.send(ServerFrame.Error.ofRejection(rejected, pending == null ? null : pending.id()));
    }

    /**
     * Whether the move is the echo of this connection's own {@code read} frame (then it is forgotten: the
     * next move is news).
     */
    public boolean isOwnRead(ClientSession session, ReadMarkerMoved moved) {
        if (!moved.userId().equals(session.user().userId())) {
            return false;
        }
        OwnReads asked = ownReads.get(session);
        return asked != null && asked.takeEcho(moved.roomId(), moved.seq());
    }

    /** The {@code read} frame's marker and command, until its echo passes or its refusal comes back. */
    void rememberOwnRead(ClientSession session, MarkRead command, JsonNode frameId) {
        ownReads.computeIfAbsent(session, any -> new OwnReads())
                .remember(command.roomId(), new OwnReads.OwnRead(command.seq(), command.commandId(), frameId));
    }

    /** The read's command never left, or was refused: no echo will come. */
    void forgetOwnRead(ClientSession session, MarkRead command) {
        take(session, command.roomId(), command.commandId());
    }

    /** The refused read's frame id (and it is no longer awaited), or {@code null}. */
    private JsonNode refusedRead(ClientSession sender, MessageRejected rejected) {
        OwnReads.OwnRead read = take(sender, rejected.roomId(), rejected.commandId());
        return read == null ? null : read.frameId();
    }

    private OwnReads.OwnRead take(ClientSession session, UUID roomId, UUID commandId) {
        OwnReads asked = ownReads.get(session);
        return asked == null || roomId == null || commandId == null ? null : asked.take(roomId, commandId);
    }
}
