package dev.parley.gateway.ws.command;

import dev.parley.events.Topic;
import dev.parley.events.message.MarkRead;
import dev.parley.events.message.MessageCommand;
import dev.parley.events.message.Origin;
import dev.parley.events.message.SendMessage;
import dev.parley.events.signal.Typing;
import dev.parley.gateway.ws.GatewayProperties;
import dev.parley.gateway.ws.events.EventPublisher;
import dev.parley.gateway.ws.membership.Access;
import dev.parley.gateway.ws.membership.RoomDirectory;
import dev.parley.gateway.ws.membership.RoomMemberships;
import dev.parley.gateway.ws.protocol.ClientFrame;
import dev.parley.gateway.ws.protocol.CloseCodes;
import dev.parley.gateway.ws.protocol.ErrorCode;
import dev.parley.gateway.ws.protocol.ServerFrame;
import dev.parley.gateway.ws.session.ClientSession;
import dev.parley.gateway.ws.session.SendAllowance;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Turns a session's {@code send}, {@code read} and {@code typing} frames into Kafka commands and
 * signals. {@code send} is rate limited per connection and its membership is message-service's to
 * check (a refusal comes back as MessageRejected, like the ack, through the fan-out). {@code typing}
 * and {@code read} are decided here, from the membership this instance knows; in a room it knows
 * nothing about for the user it asks room-service once, and that lookup costs a send token.
 */
@Service
public class MessageCommands {

    private static final Logger log = LoggerFactory.getLogger(MessageCommands.class);

    private final EventPublisher publisher;
    private final RoomMemberships memberships;
    private final TypingThrottle typingThrottle;
    private final String gatewayId;
    private final Clock clock = Clock.systemUTC();

    MessageCommands(EventPublisher publisher, RoomMemberships memberships, TypingThrottle typingThrottle,
                    GatewayProperties gateway) {
        this.publisher = publisher;
        this.memberships = memberships;
        this.typingThrottle = typingThrottle;
        this.gatewayId = gateway.gatewayId();
    }

    /** Answered later by an ack or an error (through the fan-out), or now by an error. */
    public void send(ClientSession session, ClientFrame.Send frame) {
        if (!withinRate(session, frame)) {
            return;
        }
        session.rememberSend(frame.roomId(), frame.clientMsgId(), frame.id());
        var command = new SendMessage(UUID.randomUUID(), frame.roomId(), session.user().userId(),
                frame.clientMsgId(), frame.body(), clock.instant(), origin(session));
        publish(session, command, frame, () -> session.takeSend(frame.roomId(), frame.clientMsgId()));
    }

    public void markRead(ClientSession session, ClientFrame.Read frame) {
        if (!allowedForMember(session, frame.roomId(), frame)) {
            return;
        }
        session.rememberOwnRead(frame.roomId(), frame.seq());
        var command = new MarkRead(UUID.randomUUID(), frame.roomId(), session.user().userId(), frame.seq(),
                origin(session));
        publish(session, command, frame, () -> { });
    }

    /** Ephemeral: throttled, not waited for, and a lost one does not matter. */
    public void typing(ClientSession session, ClientFrame.Typing frame) {
        if (!allowedForMember(session, frame.roomId(), frame)
                || !typingThrottle.tryPass(session.user().userId(), frame.roomId(), System.nanoTime())) {
            return;
        }
        var signal = new Typing(frame.roomId(), session.user().userId(), gatewayId, session.id(), clock.instant());
        publisher.publish(Topic.SIGNALS, signal).exceptionally(e -> {
            log.debug("Typing signal of session {} lost: {}", session.id(), e.toString());
            return null;
        });
    }

    private boolean allowedForMember(ClientSession session, UUID roomId, ClientFrame frame) {
        Optional<Access> known = memberships.known(roomId, session.user().userId());
        Access access;
        if (known.isPresent()) {
            access = known.get();
        } else if (!withinRate(session, frame)) {
            return false;
        } else {
            try {
                access = memberships.accessOf(roomId, session.user());
            } catch (RoomDirectory.TokenRefusedException e) {
                session.send(ServerFrame.Error.of(ErrorCode.UNAUTHORIZED, "the access token was refused", frame.id()));
                return false;
            } catch (RuntimeException e) {
                log.warn("Could not check membership of session {} in room {}: {}", session.id(), roomId, e.toString());
                session.send(ServerFrame.Error.of(ErrorCode.INTERNAL, "could not check membership, try again",
                        frame.id()));
                return false;
            }
        }
        ErrorCode refusal = access.refusalOfMembersOnly();
        if (refusal != null) {
            session.send(ServerFrame.Error.of(refusal, refusal == ErrorCode.NOT_MEMBER
                    ? "only members may do this" : "room not found", frame.id()));
            return false;
        }
        return true;
    }

    private boolean withinRate(ClientSession session, ClientFrame frame) {
        if (session.allowance().take(System.nanoTime()) instanceof SendAllowance.Refused refused) {
            session.send(ServerFrame.Error.rateLimited(refused.retryAfterMs(), frame.id()));
            if (refused.repeated()) {
                session.closeAfterAnswers(CloseCodes.RATE_LIMITED);
            }
            return false;
        }
        return true;
    }

    /**
     * Does not wait for the broker: the connection reads its next frame at once, and the producer batches
     * the commands of many connections into one request. A command the producer gives up on is answered
     * with {@code internal} (the client resends; the same {@code clientMsgId} makes that safe).
     */
    private void publish(ClientSession session, MessageCommand command, ClientFrame frame, Runnable onFailure) {
        publisher.publish(Topic.MESSAGE_COMMANDS, command).whenComplete((sent, failure) -> {
            if (failure != null) {
                Throwable cause = failure.getCause() == null ? failure : failure.getCause();
                log.warn("Could not publish {} of session {}: {}", command.getClass().getSimpleName(), session.id(),
                        cause.toString());
                onFailure.run();
                session.send(ServerFrame.Error.of(ErrorCode.INTERNAL, "could not accept the command, try again",
                        frame.id()));
            }
        });
    }

    private Origin origin(ClientSession session) {
        return new Origin(gatewayId, session.id());
    }
}
