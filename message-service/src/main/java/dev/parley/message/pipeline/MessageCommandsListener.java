package dev.parley.message.pipeline;

import dev.parley.events.message.MessageCommand;
import dev.parley.message.events.CommandTraces;
import dev.parley.message.events.KafkaSetup;
import dev.parley.message.events.MessageKafkaProperties;
import dev.parley.platform.kafka.EventRecords;
import dev.parley.platform.kafka.RecordTraces;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes message commands a poll at a time. Records are keyed by room id, so a room's commands are on
 * one partition, in order, in one batch; the batch is handled in one transaction and its events are on the
 * broker before this returns, so offsets are committed only after the events are out. A record that can
 * never be decoded is skipped on its own, never the batch around it. Each command continues the trace its
 * record carries ({@link CommandTraces}).
 */
@Component
class MessageCommandsListener {

    private final EventRecords eventRecords;
    private final CommandBatchProcessor processor;
    private final MessageKafkaProperties properties;
    private final RecordTraces recordTraces;

    MessageCommandsListener(EventRecords eventRecords, CommandBatchProcessor processor, MessageKafkaProperties properties,
                            RecordTraces traces) {
        this.eventRecords = eventRecords;
        this.processor = processor;
        this.properties = properties;
        this.recordTraces = traces;
    }

    @KafkaListener(id = KafkaSetup.COMMANDS_LISTENER, topics = "#{T(dev.parley.events.Topic).MESSAGE_COMMANDS.topicName()}",
            batch = "true", concurrency = "#{__listener.properties().commandsConcurrency()}",
            properties = "max.poll.records=#{__listener.properties().commandsBatchSize()}")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        CommandTraces traces = new CommandTraces(recordTraces);
        List<MessageCommand> commands = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            eventRecords.read(record, MessageCommand.class).ifPresent(command -> {
                commands.add(command);
                traces.follow(command, record.headers());
            });
        }
        try {
            processor.process(commands, traces);
        } catch (RuntimeException e) {
            traces.end(e);
            throw e;
        }
        traces.end(null);
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
