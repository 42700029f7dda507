package dev.parley.gateway.ws.command;

import dev.parley.events.ErrorCode;
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
import dev.parley.gateway.ws.protocol.ServerFrame;
import dev.parley.gateway.ws.session.ClientSession;
import dev.parley.platform.kafka.RecordTraces;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Turns a session's {@code send}, {@code read} and {@code typing} frames into Kafka commands and
 * signals. Each {@code send} costs a token of the connection's frame allowance. A send of a user known
 * here to be a member is published at once (message-service checks membership again, authoritatively,
 * and a refusal comes back as MessageRejected, like the ack, through the fan-out); anyone else's is
 * first checked with room-service, and a non-member's never reaches Kafka. A {@code read} costs a token too.
 * {@code typing} and {@code read} are decided here, from the membership this instance knows; in a room it knows
 * nothing about for the user it asks room-service once, and for a {@code typing} that lookup costs a token.
 */
@Service
public class MessageCommands {

    private static final Logger log = LoggerFactory.getLogger(MessageCommands.class);

    /** The span a message's trace starts with: its {@code send} frame, here. */
    static final String SEND_SPAN = "ws send";

    private final EventPublisher publisher;
    private final RoomMemberships memberships;
    private final TypingThrottle typingThrottle;
    private final CommandAnswers answers;
    private final String gatewayId;
    private final RecordTraces traces;
    private final Clock clock = Clock.systemUTC();

    MessageCommands(EventPublisher publisher, RoomMemberships memberships, TypingThrottle typingThrottle,
                    CommandAnswers answers, GatewayProperties gateway, RecordTraces traces) {
        this.publisher = publisher;
        this.answers = answers;
        this.traces = traces;
        this.memberships = memberships;
        this.typingThrottle = typingThrottle;
        this.gatewayId = gateway.gatewayId();
    }

    /**
     * Answered later by an ack or an error (through the fan-out), or now by an error. A message's trace
     * starts here: the SendMessage record carries it on ({@code traceparent}) to message-service, whose
     * MessagePosted brings it back to every gateway's fan-out.
     */
    public void send(ClientSession session, ClientFrame.Send frame) {
        traces.runAndEnd(traces.start(SEND_SPAN), () -> acceptSend(session, frame, false));
    }

    /**
     * {@link #send} on an event loop, once {@link #sendsWithoutWaiting} said yes: the command goes to the producer
     * only if it takes it at once (a broker that went away since is answered with {@code internal}, as a failed
     * publish is); nothing here waits.
     */
    public void sendOnEventLoop(ClientSession session, ClientFrame.Send frame) {
        traces.runAndEnd(traces.start(SEND_SPAN), () -> acceptSend(session, frame, true));
    }

    private void acceptSend(ClientSession session, ClientFrame.Send frame, boolean onEventLoop) {
        if (!session.takeAllowance(frame.id()) || !mayPost(session, frame)) {
            return;
        }
        var pending = session.rememberSend(frame.roomId(), frame.clientMsgId(), frame.id());
        var command = new SendMessage(UUID.randomUUID(), frame.roomId(), session.user().userId(),
                frame.clientMsgId(), frame.body(), clock.instant(), origin(session), frame.threadRoot(),
                frame.attachments());
        publish(session, command, frame, () -> session.forgetSend(frame.roomId(), frame.clientMsgId(), pending),
                onEventLoop);
    }

    /**
     * Costs a token of the frame allowance, as a {@code send} does: each {@code read} becomes a command on Kafka and
     * a handled command in message-service, so without one a member could flood both with reads of a room it knows,
     * delaying every room's sends on the same partitions. A reader's marker needs to move a few times a second at
     * most (the client library paces every frame by the allowance).
     */
    public void markRead(ClientSession session, ClientFrame.Read frame) {
        if (!session.takeAllowance(frame.id()) || !permitted(session, frame.roomId(), frame,
                () -> memberships.known(frame.roomId(), session.user().userId())
                        .orElseGet(() -> memberships.accessOf(frame.roomId(), session.user())))) {
            return;
        }
        var command = new MarkRead(UUID.randomUUID(), frame.roomId(), session.user().userId(), frame.seq(),
                origin(session));
        answers.rememberOwnRead(session, command, frame.id());
        publish(session, command, frame, () -> answers.forgetOwnRead(session, command), false);
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
        if (known.isPresent()) {
            return permitted(session, roomId, frame, known::get);
        }
        return session.takeAllowance(frame.id())
                && permitted(session, roomId, frame, () -> memberships.accessOf(roomId, session.user()));
    }

    /**
     * A known member posts without a call, so a member's send → ack takes no longer. Anyone else is
     * asked about afresh, since what is known may be a refusal that is no longer true: a user who has
     * just joined over HTTP may send before this instance sees their MemberJoined.
     */
    private boolean mayPost(ClientSession session, ClientFrame.Send frame) {
        if (isKnownMember(session, frame.roomId())) {
            return true;
        }
        return permitted(session, frame.roomId(), frame,
                () -> memberships.freshAccessOf(frame.roomId(), session.user()));
    }

    private boolean isKnownMember(ClientSession session, UUID roomId) {
        Optional<Access> known = memberships.known(roomId, session.user().userId());
        return known.isPresent() && known.get().isMember();
    }

    /**
     * Whether {@link #send} would neither ask room-service nor wait for the producer: the sender is known here as a
     * member of the room and the producer takes the command at once. Such a send may run on the thread that read it.
     */
    public boolean sendsWithoutWaiting(ClientSession session, ClientFrame.Send frame) {
        return isKnownMember(session, frame.roomId()) && publisher.publishesWithoutWaiting(Topic.MESSAGE_COMMANDS);
    }

    /** Answers the frame's refusal ({@code not_member}, {@code room_not_found}, or why nobody could tell). */
    private boolean permitted(ClientSession session, UUID roomId, ClientFrame frame, Supplier<Access> lookup) {
        Access access;
        try {
            access = lookup.get();
        } catch (RoomDirectory.TokenRefusedException e) {
            session.send(ServerFrame.Error.of(ErrorCode.UNAUTHORIZED, "the access token was refused", frame.id()));
            return false;
        } catch (RuntimeException e) {
            log.warn("Could not check membership of session {} in room {}: {}", session.id(), roomId, e.toString());
            session.send(ServerFrame.Error.of(ErrorCode.INTERNAL, "could not check membership, try again",
                    frame.id()));
            return false;
        }
        ErrorCode refusal = access.refusalOfMembersOnly();
        if (refusal != null) {
            session.send(ServerFrame.Error.of(refusal, refusal == ErrorCode.NOT_MEMBER
                    ? "only members may do this" : "room not found", frame.id()));
            return false;
        }
        return true;
    }

    /**
     * Does not wait for the broker: the connection reads its next frame at once, and the producer batches
     * the commands of many connections into one request. A command the producer gives up on is answered
     * with {@code internal} (the client resends; the same {@code clientMsgId} makes that safe).
     */
    private void publish(ClientSession session, MessageCommand command, ClientFrame frame, Runnable onFailure,
                         boolean onEventLoop) {
        (onEventLoop ? publisher.publishWithoutWaiting(Topic.MESSAGE_COMMANDS, command)
                : publisher.publish(Topic.MESSAGE_COMMANDS, command)).whenComplete((sent, failure) -> {
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
