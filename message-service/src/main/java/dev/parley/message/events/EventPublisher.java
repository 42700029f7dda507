package dev.parley.message.events;

import dev.parley.events.EventCodec;
import dev.parley.events.Topic;
import dev.parley.platform.kafka.EventRecords;
import dev.parley.platform.kafka.RecordTraces;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/** Publishes message events, each with the eventId its command gives it, and waits for the broker's acks. */
@Component
public class EventPublisher {

    private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final EventRecords records;
    private final MessageKafkaProperties properties;
    private final RecordTraces traces;

    EventPublisher(KafkaTemplate<String, byte[]> kafka, EventRecords records, MessageKafkaProperties properties,
                   RecordTraces traces) {
        this.kafka = kafka;
        this.traces = traces;
        this.records = records;
        this.properties = properties;
    }

    /**
     * Hands every event to the producer in list order, flushes, then returns once all of them are durable on the
     * broker (acks=all). The idempotent producer keeps the order within a partition, so a room's events
     * land in the order given. A listener that calls this before returning has its consumer offsets
     * committed only after its events are out: at-least-once publishing.
     *
     * @throws EventNotPublishedException when the broker did not ack them all in time; the caller retries
     */
    public void publishAll(List<OutgoingEvent> events) {
        publishAll(events, CommandTraces.NONE);
    }

    /** The same, each event produced in the scope of its command's trace: its {@code traceparent} continues it. */
    public void publishAll(List<OutgoingEvent> events, CommandTraces traces) {
        List<CompletableFuture<SendResult<String, byte[]>>> sent = new ArrayList<>(events.size());
        for (OutgoingEvent event : events) {
            try {
                sent.add(traces.within(event.commandId(), () -> send(event)));
            } catch (RuntimeException e) {
                throw new EventNotPublishedException(event.event(), e);
            }
        }
        // the batch's events leave together, in as few requests as there are partitions to write
        kafka.flush();
        long deadline = System.nanoTime() + properties.publishAckTimeout().toNanos();
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EventNotPublishedException(events.get(i).event(), e);
            } catch (ExecutionException | TimeoutException e) {
                throw new EventNotPublishedException(events.get(i).event(), e);
            }
        }
    }

    private CompletableFuture<SendResult<String, byte[]>> send(OutgoingEvent event) {
        if (log.isDebugEnabled()) {
            log.debug("Publishing {} {} of room {}", EventCodec.eventType(event.event()), event.eventId(),
                    event.event().roomId());
        }
        return traces.send(records.record(Topic.MESSAGE_EVENTS, event.event(), event.eventId()), kafka::send);
    }
}
