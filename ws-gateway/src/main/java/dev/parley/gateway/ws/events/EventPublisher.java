package dev.parley.gateway.ws.events;

import dev.parley.events.ParleyEvent;
import dev.parley.events.Topic;
import dev.parley.platform.kafka.EventRecords;
import dev.parley.platform.kafka.RecordTraces;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Publishes contract events as {@link EventRecords} shapes them. The producer never waits in {@code send()}
 * ({@code max.block.ms} 0): it refuses a record at once where it would have to wait — for a topic's partitions,
 * or for room in its buffer. {@link #publish} then waits here, trying again, up to {@link PublishProperties#maxWait};
 * {@link #publishWithoutWaiting}, for an event loop, does not.
 */
@Component
public class EventPublisher {

    /** The producer's own defaults, where its configuration does not set them. */
    private static final long DEFAULT_BUFFER_BYTES = 32L * 1024 * 1024;
    private static final Duration DEFAULT_METADATA_IDLE = Duration.ofMinutes(5);
    private static final long RETRY_MILLIS = 20;

    private final KafkaTemplate<String, byte[]> kafka;
    private final EventRecords records;
    private final RecordTraces traces;
    private final Map<Topic, Flow> flows = new EnumMap<>(Topic.class);
    private final long maxUnackedBytes;
    private final long ackedWithinNanos;
    private final Duration maxWait;

    EventPublisher(KafkaTemplate<String, byte[]> kafka, EventRecords records, RecordTraces traces,
                   PublishProperties properties) {
        this.kafka = kafka;
        this.maxWait = properties.maxWait();
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
     * Hands the event to the producer; the future completes on the producer's I/O thread when the broker
     * acknowledged it (acks=all) or the producer gave up ({@code delivery.timeout.ms}). Events with the same key
     * keep their order: the idempotent producer never reorders a partition. The record carries the current trace,
     * if any ({@link RecordTraces}). While the producer refuses the record at once, this waits and tries again, up
     * to {@link PublishProperties#maxWait}: never call it on an event loop.
     */
    public CompletableFuture<SendResult<String, byte[]>> publish(Topic topic, ParleyEvent event) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        // wait for the partitions here rather than send and be refused: every refusal is logged as a failed send
        while (!knowsPartitions(topic) && pause(deadline)) {
            // asking again is what has the producer fetch them
        }
        CompletableFuture<SendResult<String, byte[]>> sent = publishWithoutWaiting(topic, event);
        while (refusedAtOnce(sent) && pause(deadline)) {
            sent = publishWithoutWaiting(topic, event);
        }
        return sent;
    }

    /** Waits a little, unless the deadline has passed: whether to try again. */
    private static boolean pause(long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        try {
            Thread.sleep(Math.min(RETRY_MILLIS, TimeUnit.NANOSECONDS.toMillis(left) + 1));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Hands the event to the producer and returns at once, for an event loop: where the producer would have to
     * wait, the future has already failed. {@link #publishesWithoutWaiting} says beforehand whether it will.
     */
    public CompletableFuture<SendResult<String, byte[]>> publishWithoutWaiting(Topic topic, ParleyEvent event) {
        try {
            return send(topic, records.record(topic, event));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<SendResult<String, byte[]>> send(Topic topic, ProducerRecord<String, byte[]> record) {
        try {
            return flows.get(topic).track(traces.send(record, kafka::send), record.value().length);
        } catch (RuntimeException e) {
            // refused at once (closing): the same as a failed send
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The producer did not take the record: it did not know the topic's partitions, or its buffer was full. */
    private static boolean refusedAtOnce(CompletableFuture<?> sent) {
        if (!sent.isCompletedExceptionally()) {
            return false;
        }
        for (Throwable cause = sent.exceptionNow(); cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof BufferExhaustedException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the producer takes a record of the topic at once, so that {@link #publishWithoutWaiting} will not
     * fail for want of it: it knows the topic's partitions, the broker acknowledged a record of the topic lately,
     * and what is not acknowledged yet is far from filling the producer's buffer.
     */
    public boolean publishesWithoutWaiting(Topic topic) {
        Flow flow = flows.get(topic);
        long acked = flow.lastAckedNanos;
        return acked != 0 && System.nanoTime() - acked < ackedWithinNanos && flow.unackedBytes.get() < maxUnackedBytes
                && knowsPartitions(topic);
    }

    /**
     * The producer forgets them when the broker stops answering for long: it bootstraps again, and until the broker
     * answers it knows no topic. Asking cannot wait (max.block.ms 0): it fails at once instead.
     */
    private boolean knowsPartitions(Topic topic) {
        try {
            return !kafka.partitionsFor(topic.topicName()).isEmpty();
        } catch (KafkaException e) {
            return false;
        }
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
