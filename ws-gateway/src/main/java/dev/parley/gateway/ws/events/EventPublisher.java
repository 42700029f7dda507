package dev.parley.gateway.ws.events;

import dev.parley.events.ParleyEvent;
import dev.parley.events.Topic;
import dev.parley.platform.kafka.EventRecords;
import dev.parley.platform.kafka.RecordTraces;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/** Publishes contract events as {@link EventRecords} shapes them. */
@Component
public class EventPublisher {

    /** The producer's own defaults, where its configuration does not set them. */
    private static final long DEFAULT_BUFFER_BYTES = 32L * 1024 * 1024;
    private static final Duration DEFAULT_METADATA_IDLE = Duration.ofMinutes(5);

    private final KafkaTemplate<String, byte[]> kafka;
    private final EventRecords records;
    private final RecordTraces traces;
    private final Map<Topic, Flow> flows = new EnumMap<>(Topic.class);
    private final long maxUnackedBytes;
    private final long ackedWithinNanos;

    EventPublisher(KafkaTemplate<String, byte[]> kafka, EventRecords records, RecordTraces traces) {
        this.kafka = kafka;
        this.records = records;
        this.traces = traces;
        for (Topic topic : Topic.values()) {
            flows.put(topic, new Flow());
        }
        Map<String, Object> config = kafka.getProducerFactory().getConfigurationProperties();
        // A quarter of the producer's buffer: far from the point where send() waits for room.
        this.maxUnackedBytes = setting(config, ProducerConfig.BUFFER_MEMORY_CONFIG, DEFAULT_BUFFER_BYTES) / 4;
        // The producer forgets a topic's partitions after this long without a send to it, and its next send then
        // waits for them: an acknowledgement within a fifth of it means they are known.
        this.ackedWithinNanos = Duration.ofMillis(setting(config, ProducerConfig.METADATA_MAX_IDLE_CONFIG,
                DEFAULT_METADATA_IDLE.toMillis())).dividedBy(5).toNanos();
    }

    /**
     * Hands the event to the producer and returns at once; the future completes on the producer's I/O
     * thread when the broker acknowledged it (acks=all) or the producer gave up ({@code delivery.timeout.ms}).
     * Events with the same key keep their order: the idempotent producer never reorders a partition. The
     * record carries the current trace, if any ({@link RecordTraces}).
     */
    public CompletableFuture<SendResult<String, byte[]>> publish(Topic topic, ParleyEvent event) {
        try {
            ProducerRecord<String, byte[]> record = records.record(topic, event);
            return flows.get(topic).track(traces.send(record, kafka::send), record.value().length);
        } catch (RuntimeException e) {
            // the producer refused it at once (buffer full for max.block.ms, closing): same as a failed send
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Whether {@link #publish} to the topic returns without waiting for the producer: the broker acknowledged a
     * record of the topic lately, so the producer knows its partitions, and what is not acknowledged yet is far
     * from filling the producer's buffer. Where it says no, publish may wait up to {@code max.block.ms}.
     */
    public boolean publishesWithoutWaiting(Topic topic) {
        Flow flow = flows.get(topic);
        long acked = flow.lastAckedNanos;
        return acked != 0 && System.nanoTime() - acked < ackedWithinNanos && flow.unackedBytes.get() < maxUnackedBytes;
    }

    private static long setting(Map<String, Object> config, String key, long otherwise) {
        Object value = config.get(key);
        return value == null ? otherwise : Long.parseLong(value.toString());
    }

    /** A topic's records handed to the producer and not answered yet, and the last acknowledgement. */
    private static final class Flow {

        private final AtomicLong unackedBytes = new AtomicLong();
        private volatile long lastAckedNanos;

        /** Counts the record until the broker answers (its answer may even come first: the sum is what counts). */
        <R> CompletableFuture<R> track(CompletableFuture<R> sent, long bytes) {
            unackedBytes.addAndGet(bytes);
            return sent.whenComplete((result, failure) -> {
                unackedBytes.addAndGet(-bytes);
                if (failure == null) {
                    lastAckedNanos = System.nanoTime();
                }
            });
        }
    }
}
