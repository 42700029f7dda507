package dev.parley.message.pipeline;

import dev.parley.events.message.MessageCommand;
import dev.parley.message.events.InboundEvents;
import dev.parley.message.events.KafkaSetup;
import dev.parley.message.events.MessageKafkaProperties;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes message commands a poll at a time. Records are keyed by room id, so a room's commands are on
 * one partition, in order, in one batch; the batch is handled in one transaction and its events are on the
 * broker before this returns, so offsets are committed only after the events are out. A record that can
 * never be decoded is skipped on its own, never the batch around it.
 */
@Component
class MessageCommandsListener {

    private final InboundEvents inbound;
    private final CommandBatchProcessor processor;
    private final MessageKafkaProperties properties;

    MessageCommandsListener(InboundEvents inbound, CommandBatchProcessor processor, MessageKafkaProperties properties) {
        this.inbound = inbound;
        this.processor = processor;
        this.properties = properties;
    }

    @KafkaListener(id = KafkaSetup.COMMANDS_LISTENER, topics = "#{T(dev.parley.events.Topic).MESSAGE_COMMANDS.topicName()}",
            batch = "true", concurrency = "#{__listener.properties().commandsConcurrency()}",
            properties = "max.poll.records=#{__listener.properties().commandsBatchSize()}")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        processor.process(records.stream()
                .map(record -> inbound.decode(record, MessageCommand.class))
                .flatMap(Optional::stream)
                .toList());
        if (records.size() >= properties.commandsGatherFrom()) {
            gather();
        }
    }

    /** Under load: lets commands pile up for the next poll, so batches grow and cost less per command. */
    private void gather() {
        long millis = properties.commandsGatherWindow().toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the container is stopping: the batch is done, return
            }
        }
    }

    // Public for the SpEL in @KafkaListener.
    public MessageKafkaProperties properties() {
        return properties;
    }
}
