package dev.parley.message.commands;

import dev.parley.events.message.DeleteMessage;
import dev.parley.events.message.EditMessage;
import dev.parley.events.message.MarkRead;
import dev.parley.events.message.MessageCommand;
import dev.parley.events.message.SendMessage;
import dev.parley.message.events.InboundEvents;
import dev.parley.message.events.MessageKafkaProperties;
import dev.parley.message.sending.MessageSending;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes message commands. Records are keyed by room id, so a room's commands are on one partition
 * and handled one after another by one thread, in order; each handler returns only once its answer is
 * on the broker, so the offset is committed after the event is out.
 */
@Component
class MessageCommandsListener {

    private static final Logger log = LoggerFactory.getLogger(MessageCommandsListener.class);

    private final InboundEvents inbound;
    private final MessageSending sending;
    private final MessageKafkaProperties properties;

    MessageCommandsListener(InboundEvents inbound, MessageSending sending, MessageKafkaProperties properties) {
        this.inbound = inbound;
        this.sending = sending;
        this.properties = properties;
    }

    @KafkaListener(id = "message-commands", topics = "#{T(dev.parley.events.Topic).MESSAGE_COMMANDS.topicName()}",
            concurrency = "#{__listener.properties().commandsConcurrency()}")
    void on(ConsumerRecord<String, byte[]> record) {
        inbound.decode(record, MessageCommand.class).ifPresent(this::handle);
    }

    // Public for the SpEL in @KafkaListener.
    public MessageKafkaProperties properties() {
        return properties;
    }

    private void handle(MessageCommand command) {
        if (command.roomId() == null) {
            log.warn("Skipped {} {} without a room id: nobody to answer", command.getClass().getSimpleName(),
                    command.commandId());
            return;
        }
        switch (command) {
            case SendMessage send -> sending.send(send);
            // TODO(message-service issue): edits, deletes and read markers.
            case EditMessage edit -> skipped(edit);
            case DeleteMessage delete -> skipped(delete);
            case MarkRead markRead -> skipped(markRead);
        }
    }

    private static void skipped(MessageCommand command) {
        log.info("Skipped {} {}: not handled by this version", command.getClass().getSimpleName(),
                command.commandId());
    }
}
