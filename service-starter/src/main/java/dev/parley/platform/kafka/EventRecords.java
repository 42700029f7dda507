package dev.parley.platform.kafka;

import dev.parley.events.EventCodec;
import dev.parley.events.EventHeaders;
import dev.parley.events.ParleyEvent;
import dev.parley.events.Topic;
import dev.parley.events.UnknownEventTypeException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * The one home of a Parley record's shape on the wire (contract §4): the event's JSON as the value, its
 * {@link ParleyEvent#key()} as the key, and the headers {@code eventType}, {@code eventId} and
 * {@code schemaVersion} ({@code traceparent} is {@link RecordTraces}'s). Reading applies the contract's
 * policy for what cannot be read: a record without a type or value, a type this version does not know
 * (additive evolution) or one of another topic's family, and malformed JSON are logged and skipped —
 * retrying would not help, and they must not hold up the records behind them.
 */
public final class EventRecords {

    private static final Logger log = LoggerFactory.getLogger(EventRecords.class);

    private final EventCodec codec;

    public EventRecords(EventCodec codec) {
        this.codec = codec;
    }

    /** The event as a record of the topic, with a new event id. */
    public ProducerRecord<String, byte[]> record(Topic topic, ParleyEvent event) {
        return record(topic, event, UUID.randomUUID());
    }

    /** The event as a record of the topic, with the event id given (one that must stay the same on a retry). */
    public ProducerRecord<String, byte[]> record(Topic topic, ParleyEvent event, UUID eventId) {
        return record(topic.topicName(), event.key(), EventCodec.eventType(event), eventId, codec.encode(event));
    }

    /** A record of an event encoded earlier (an outbox row keeps the encoded value and its type). */
    public static ProducerRecord<String, byte[]> record(String topic, String key, String eventType, UUID eventId,
                                                        byte[] value) {
        return new ProducerRecord<>(topic, null, key, value, List.of(
                header(EventHeaders.EVENT_TYPE, eventType),
                header(EventHeaders.EVENT_ID, eventId.toString()),
                header(EventHeaders.SCHEMA_VERSION, EventHeaders.CURRENT_SCHEMA_VERSION)));
    }

    /** The event a record carries, of the topic's family; empty when it is one to skip (see the class). */
    public <E extends ParleyEvent> Optional<E> read(ConsumerRecord<String, byte[]> record, Class<E> family) {
        Header type = record.headers().lastHeader(EventHeaders.EVENT_TYPE);
        if (type == null || record.value() == null) {
            log.warn("Skipped a record without {} header or value at {}-{}@{}", EventHeaders.EVENT_TYPE,
                    record.topic(), record.partition(), record.offset());
            return Optional.empty();
        }
        String eventType = new String(type.value(), StandardCharsets.UTF_8);
        try {
            return Optional.of(codec.decode(eventType, record.value(), family));
        } catch (UnknownEventTypeException e) {
            log.debug("Skipped unknown event type {} at {}-{}@{}", eventType, record.topic(), record.partition(),
                    record.offset());
        } catch (JacksonException e) {
            log.warn("Skipped malformed {} at {}-{}@{}: {}", eventType, record.topic(), record.partition(),
                    record.offset(), e.getOriginalMessage());
        }
        return Optional.empty();
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
