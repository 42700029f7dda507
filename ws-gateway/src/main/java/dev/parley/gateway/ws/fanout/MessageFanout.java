package dev.parley.gateway.ws.fanout;

import dev.parley.events.message.MessageEvent;
import dev.parley.events.message.MessagePosted;
import dev.parley.events.message.MessageRejected;
import dev.parley.events.message.Origin;
import dev.parley.gateway.ws.GatewayProperties;
import dev.parley.gateway.ws.protocol.FrameWriter;
import dev.parley.gateway.ws.protocol.ServerFrame;
import dev.parley.gateway.ws.session.ClientSession;
import dev.parley.gateway.ws.session.SessionRegistry;
import dev.parley.gateway.ws.subscription.RoomSubscriptions;
import dev.parley.gateway.ws.subscription.Subscription;
import java.util.Collection;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.web.socket.TextMessage;

/**
 * Delivers message events to this instance's sessions. A {@code message} push is serialized once
 * and the same frame goes to every local subscriber; the sender's {@code ack} follows its
 * {@code message} push, so a client never holds an ack for a message it has not been shown.
 * (If the sender is still opening a subscription to the room, that push is held back and the ack
 * may arrive first.) Events of rooms nobody here follows cost a lookup and nothing more.
 */
@Service
class MessageFanout {

    private final RoomSubscriptions subscriptions;
    private final SessionRegistry sessions;
    private final FrameWriter writer;
    private final String gatewayId;

    MessageFanout(RoomSubscriptions subscriptions, SessionRegistry sessions, FrameWriter writer,
                  GatewayProperties gateway) {
        this.subscriptions = subscriptions;
        this.sessions = sessions;
        this.writer = writer;
        this.gatewayId = gateway.gatewayId();
    }

    void dispatch(MessageEvent event) {
        switch (event) {
            case MessagePosted posted -> posted(posted);
            case MessageRejected rejected -> rejected(rejected);
            default -> {
                // edits, deletions and read markers are pushed by a later version of the gateway
            }
        }
    }

    private void posted(MessagePosted posted) {
        Collection<Subscription> followers = subscriptions.of(posted.roomId());
        if (!followers.isEmpty()) {
            TextMessage push = writer.write(ServerFrame.MessagePush.of(posted));
            followers.forEach(subscription -> subscription.deliverLive(posted.seq(), push));
        }
        origin(posted.origin()).ifPresent(sender ->
                sender.send(ServerFrame.Ack.of(posted, sender.takeSendId(posted.roomId(), posted.clientMsgId()))));
    }

    private void rejected(MessageRejected rejected) {
        origin(rejected.origin()).ifPresent(sender -> sender.send(new ServerFrame.Error(rejected.reason(),
                "command rejected: " + rejected.reason(), null, null,
                sender.takeSendId(rejected.roomId(), rejected.clientMsgId()))));
    }

    /** The session a command came from, when it lives on this instance. */
    private Optional<ClientSession> origin(Origin origin) {
        if (origin == null || !gatewayId.equals(origin.gatewayId())) {
            return Optional.empty();
        }
        return sessions.find(origin.sessionId());
    }
}
