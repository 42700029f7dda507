package dev.parley.gateway.ws.command;

import dev.parley.events.Topic;
import dev.parley.events.message.MarkRead;
import dev.parley.events.message.MessageCommand;
import dev.parley.events.message.Origin;
import dev.parley.events.message.SendMessage;
import dev.parley.events.signal.Typing;
import dev.parley.gateway.ws.GatewayProperties;
import dev.parley.gateway.ws.protocol.ClientFrame;
import dev.parley.gateway.ws.protocol.ErrorCode;
import dev.parley.gateway.ws.protocol.ServerFrame;
import dev.parley.gateway.ws.session.ClientSession;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Turns a session's {@code send}, {@code read} and {@code typing} frames into Kafka commands and
 * signals. Membership is message-service's to check: a refused command comes back as
 * MessageRejected and reaches the session through the fan-out, like the ack does.
 */
@Service
public class MessageCommands {

    private static final Logger log = LoggerFactory.getLogger(MessageCommands.class);

    private final EventPublisher publisher;
    private final String gatewayId;
    private final Clock clock;

    MessageCommands(EventPublisher publisher, GatewayProperties gateway) {
        this.publisher = publisher;
        this.gatewayId = gateway.gatewayId();
        this.clock = Clock.systemUTC();
    }

    /** Answered later by an ack or an error (through the fan-out), or now by {@code internal}. */
    public void send(ClientSession session, ClientFrame.Send frame) {
        session.rememberSendId(frame.roomId(), frame.clientMsgId(), frame.id());
        var command = new SendMessage(UUID.randomUUID(), frame.roomId(), session.user().userId(),
                frame.clientMsgId(), frame.body(), clock.instant(), origin(session));
        publishOrAnswerInternal(session, command, frame);
        if (!session.isOpen()) {
            session.takeSendId(frame.roomId(), frame.clientMsgId());
        }
    }

    public void markRead(ClientSession session, ClientFrame.Read frame) {
        var command = new MarkRead(UUID.randomUUID(), frame.roomId(), session.user().userId(), frame.seq(),
                origin(session));
        publishOrAnswerInternal(session, command, frame);
    }

    /** Ephemeral: not waited for, and a lost one does not matter. */
    public void typing(ClientSession session, ClientFrame.Typing frame) {
        var signal = new Typing(frame.roomId(), session.user().userId(), gatewayId, session.id(), clock.instant());
        publisher.publish(Topic.SIGNALS, signal).exceptionally(e -> {
            log.debug("Typing signal of session {} lost: {}", session.id(), e.toString());
            return null;
        });
    }

    private void publishOrAnswerInternal(ClientSession session, MessageCommand command,
                                         ClientFrame frame) {
        try {
            publisher.publishAndWait(Topic.MESSAGE_COMMANDS, command);
        } catch (EventPublisher.PublishFailedException e) {
            log.warn("Could not publish {} of session {}: {}", command.getClass().getSimpleName(), session.id(),
                    e.getCause() == null ? e.toString() : e.getCause().toString());
            if (frame instanceof ClientFrame.Send send) {
                session.takeSendId(send.roomId(), send.clientMsgId());
            }
            session.send(ServerFrame.Error.of(ErrorCode.INTERNAL, "could not accept the command, try again", frame.id()));
        }
    }

    private Origin origin(ClientSession session) {
        return new Origin(gatewayId, session.id());
    }
}
