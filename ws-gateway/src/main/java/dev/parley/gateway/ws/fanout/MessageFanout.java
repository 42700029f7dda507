package dev.parley.gateway.ws.fanout;

import dev.parley.events.message.MessageDeleted;
import dev.parley.events.message.MessageEdited;
import dev.parley.events.message.MessageEvent;
import dev.parley.events.message.MessagePosted;
import dev.parley.events.message.MessageRejected;
import dev.parley.events.message.Origin;
import dev.parley.events.message.ReactionAdded;
import dev.parley.events.message.ReactionRemoved;
import dev.parley.events.message.ReadMarkerMoved;
import dev.parley.events.message.SendRepeated;
import dev.parley.events.message.ThreadUpdated;
import dev.parley.gateway.ws.GatewayProperties;
import dev.parley.gateway.ws.command.CommandAnswers;
import dev.parley.gateway.ws.protocol.FrameWriter;
import dev.parley.gateway.ws.protocol.OutboundFrame;
import dev.parley.gateway.ws.protocol.ServerFrame;
import dev.parley.gateway.ws.session.ClientSession;
import dev.parley.gateway.ws.session.SessionRegistry;
import dev.parley.gateway.ws.subscription.RoomSubscriptions;
import dev.parley.gateway.ws.subscription.Subscription;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Delivers message events to this instance's sessions. A push is serialized once and the same frame
 * goes to every local subscriber of the room; delivering only queues it (see ClientSession), so one
 * slow client never holds up this thread. The sender's {@code ack} goes to the session named in the
 * event's {@code origin} when that session lives here — whichever instance took the command: a
 * client that reconnected and resent its {@code clientMsgId} is answered through the origin of the
 * resend, by {@code SendRepeated} — an answer, not a message, so nobody gets the message or its
 * {@code mention} twice.
 *
 * <p>The {@code ack} follows the sender's own {@code message} push, except when that push is held
 * back (the sender is still opening its subscription to the room), or was already delivered (a
 * resend), or the sender does not follow the room here: then the ack comes alone or first.
 */
@Service
class MessageFanout {

    private static final Logger log = LoggerFactory.getLogger(MessageFanout.class);

    private final RoomSubscriptions subscriptions;
    private final SessionRegistry sessions;
    private final FrameWriter writer;
    private final CommandAnswers answers;
    private final String gatewayId;

    MessageFanout(RoomSubscriptions subscriptions, SessionRegistry sessions, FrameWriter writer,
                  CommandAnswers answers, GatewayProperties gateway) {
        this.subscriptions = subscriptions;
        this.sessions = sessions;
        this.writer = writer;
        this.answers = answers;
        this.gatewayId = gateway.gatewayId();
    }

    void dispatch(MessageEvent event) {
        switch (event) {
            case MessagePosted posted -> posted(posted);
            case SendRepeated repeated -> origin(repeated.origin()).ifPresent(sender -> answers.repeated(sender, repeated));
            case MessageRejected rejected -> rejected(rejected);
            case MessageEdited edited -> toRoom(edited.roomId(), ServerFrame.MessageEditedPush.of(edited));
            case MessageDeleted deleted -> toRoom(deleted.roomId(), ServerFrame.MessageDeletedPush.of(deleted));
            case ReadMarkerMoved moved -> readMarkerMoved(moved);
            case ThreadUpdated updated -> toRoom(updated.roomId(), ServerFrame.ThreadUpdatedPush.of(updated));
            case ReactionAdded added -> toRoom(added.roomId(), ServerFrame.ReactionPush.of(added));
            case ReactionRemoved removed -> toRoom(removed.roomId(), ServerFrame.ReactionPush.of(removed));
        }
    }

    private void posted(MessagePosted posted) {
        Collection<Subscription> followers = subscriptions.of(posted.roomId());
        if (!followers.isEmpty()) {
            OutboundFrame push = writer.write(ServerFrame.MessagePush.of(posted));
            followers.forEach(subscription -> subscription.deliverMessage(posted.seq(), push));
        }
        // one line per message, not per recipient; in the listener's span, so it carries the message's trace id
        if (log.isDebugEnabled()) {
            log.debug("Message {} (seq {} of room {}) to {} local subscriptions", posted.messageId(), posted.seq(),
                    posted.roomId(), followers.size());
        }
        origin(posted.origin()).ifPresent(sender -> answers.posted(sender, posted));
        if (!posted.mentions().isEmpty()) {
            mentioned(posted);
        }
    }

    /** {@code mention} to every connection here of each mentioned user, whether it follows the room or not. */
    private void mentioned(MessagePosted posted) {
        OutboundFrame push = null;
        for (UUID user : posted.mentions()) {
            for (ClientSession session : sessions.ofUser(user)) {
                if (push == null) {
                    push = writer.write(ServerFrame.MentionPush.of(posted));
                }
                session.send(push);
            }
        }
    }

    private void rejected(MessageRejected rejected) {
        origin(rejected.origin()).ifPresent(sender -> answers.rejected(sender, rejected));
    }

    /** {@code read} goes to the room's subscribers, but not back to the connection that marked it. */
    private void readMarkerMoved(ReadMarkerMoved moved) {
        Collection<Subscription> followers = subscriptions.of(moved.roomId());
        if (followers.isEmpty()) {
            return;
        }
        OutboundFrame push = writer.write(ServerFrame.ReadPush.of(moved));
        for (Subscription subscription : followers) {
            if (!answers.isOwnRead(subscription.session(), moved)) {
                subscription.deliver(push);
            }
        }
    }

    private void toRoom(UUID roomId, ServerFrame frame) {
        Collection<Subscription> followers = subscriptions.of(roomId);
        if (!followers.isEmpty()) {
            OutboundFrame push = writer.write(frame);
            followers.forEach(subscription -> subscription.deliver(push));
        }
    }

    /** The session a command came from, when it lives on this instance. */
    private Optional<ClientSession> origin(Origin origin) {
        if (origin == null || !gatewayId.equals(origin.gatewayId())) {
            return Optional.empty();
        }
        return sessions.find(origin.sessionId());
    }
}
