package dev.parley.gateway.ws.events;

import dev.parley.events.EventCodec;
import dev.parley.events.EventHeaders;
import dev.parley.events.ParleyEvent;
import dev.parley.events.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/** Publishes contract events: JSON value, key {@code event.key()}, the three contract headers. */
@Component
public class EventPublisher {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaTemplate<String, byte[]> kafka;
    private final EventCodec codec;

    EventPublisher(KafkaTemplate<String, byte[]> kafka, EventCodec codec) {
        this.kafka = kafka;
        this.codec = codec;
    }

    /** Publishes and waits for the broker's acknowledgement. */
    public void publishAndWait(Topic topic, ParleyEvent event) throws PublishFailedException {
        try {
            publish(topic, event).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException(e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new PublishFailedException(e);
        }
    }

    public CompletableFuture<SendResult<String, byte[]>> publish(Topic topic, ParleyEvent event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic.topicName(), event.key(), codec.encode(event));
        record.headers()
                .add(EventHeaders.EVENT_TYPE, utf8(EventCodec.eventType(event)))
                .add(EventHeaders.EVENT_ID, utf8(UUID.randomUUID().toString()))
                .add(EventHeaders.SCHEMA_VERSION, utf8(EventHeaders.CURRENT_SCHEMA_VERSION));
        return kafka.send(record);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    public static class PublishFailedException extends Exception {
        PublishFailedException(Throwable cause) {
            super(cause);
        }
    }
}
