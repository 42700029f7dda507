package dev.parley.gateway.ws.events;

import dev.parley.events.ParleyEvent;
import dev.parley.events.Topic;
import dev.parley.platform.kafka.EventRecords;
import dev.parley.platform.kafka.RecordTraces;
import java.util.concurrent.CompletableFuture;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/** Publishes contract events as {@link EventRecords} shapes them. */
@Component
public class EventPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final EventRecords records;
    private final RecordTraces traces;

    EventPublisher(KafkaTemplate<String, byte[]> kafka, EventRecords records, RecordTraces traces) {
        this.kafka = kafka;
        this.records = records;
        this.traces = traces;
    }

    /**
     * Hands the event to the producer and returns at once; the future completes on the producer's I/O
     * thread when the broker acknowledged it (acks=all) or the producer gave up ({@code delivery.timeout.ms}).
     * Events with the same key keep their order: the idempotent producer never reorders a partition. The
     * record carries the current trace, if any ({@link RecordTraces}).
     */
    public CompletableFuture<SendResult<String, byte[]>> publish(Topic topic, ParleyEvent event) {
        try {
            return traces.send(records.record(topic, event), kafka::send);
        } catch (RuntimeException e) {
            // the producer refused it at once (buffer full for max.block.ms, closing): same as a failed send
            return CompletableFuture.failedFuture(e);
        }
    }
}
