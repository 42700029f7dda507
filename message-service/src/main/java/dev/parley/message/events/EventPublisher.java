package dev.parley.message.events;

import dev.parley.events.EventCodec;
import dev.parley.events.EventHeaders;
import dev.parley.events.Topic;
import dev.parley.events.message.MessageEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** Publishes message events (key = room id, contract headers) and waits for the broker's ack. */
@Component
public class EventPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final EventCodec codec;
    private final MessageKafkaProperties properties;

    EventPublisher(KafkaTemplate<String, byte[]> kafka, EventCodec codec, MessageKafkaProperties properties) {
        this.kafka = kafka;
        this.codec = codec;
        this.properties = properties;
    }

    /**
     * Returns once the event is durable on the broker (acks=all). A listener that calls this before
     * returning has its consumer offset committed only after the event is out: at-least-once publishing.
     *
     * @throws EventNotPublishedException when the broker did not ack in time; the caller's record is retried
     */
    public void publish(MessageEvent event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topic.MESSAGE_EVENTS.topicName(), null,
                event.key(), codec.encode(event), headers(event));
        try {
            kafka.send(record).get(properties.publishAckTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventNotPublishedException(event, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new EventNotPublishedException(event, e);
        }
    }

    private static List<Header> headers(MessageEvent event) {
        return List.of(
                header(EventHeaders.EVENT_TYPE, EventCodec.eventType(event)),
                header(EventHeaders.EVENT_ID, UUID.randomUUID().toString()),
                header(EventHeaders.SCHEMA_VERSION, EventHeaders.CURRENT_SCHEMA_VERSION));
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
