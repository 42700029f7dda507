package dev.parley.gateway.ws.events;

import dev.parley.events.EventCodec;
import dev.parley.events.EventHeaders;
import dev.parley.events.ParleyEvent;
import dev.parley.events.Topic;
import dev.parley.platform.kafka.RecordTraces;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/** Publishes contract events: JSON value, key {@code event.key()}, the three contract headers. */
@Component
public class EventPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final EventCodec codec;
    private final RecordTraces traces;

    EventPublisher(KafkaTemplate<String, byte[]> kafka, EventCodec codec, RecordTraces traces) {
        this.kafka = kafka;
        this.codec = codec;
        this.traces = traces;
    }

    /**
     * Hands the event to the producer and returns at once; the future completes on the producer's I/O
     * thread when the broker acknowledged it (acks=all) or the producer gave up ({@code delivery.timeout.ms}).
     * Events with the same key keep their order: the idempotent producer never reorders a partition. The
     * record carries the current trace, if any ({@link RecordTraces}).
     */
    public CompletableFuture<SendResult<String, byte[]>> publish(Topic topic, ParleyEvent event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic.topicName(), event.key(), codec.encode(event));
        record.headers()
                .add(EventHeaders.EVENT_TYPE, utf8(EventCodec.eventType(event)))
                .add(EventHeaders.EVENT_ID, utf8(UUID.randomUUID().toString()))
                .add(EventHeaders.SCHEMA_VERSION, utf8(EventHeaders.CURRENT_SCHEMA_VERSION));
        try {
            return traces.send(record, kafka::send);
        } catch (RuntimeException e) {
            // the producer refused it at once (buffer full for max.block.ms, closing): same as a failed send
            return CompletableFuture.failedFuture(e);
        }
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
