package dev.parley.message.events;

import dev.parley.events.EventCodec;
import dev.parley.events.EventHeaders;
import dev.parley.events.ParleyEvent;
import dev.parley.events.UnknownEventTypeException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * Decodes a consumed record into its event. What can never be decoded — no type header, a type this
 * version does not know (additive evolution), malformed JSON — is logged and skipped, never retried.
 */
@Component
public class InboundEvents {

    private static final Logger log = LoggerFactory.getLogger(InboundEvents.class);

    private final EventCodec codec;

    InboundEvents(EventCodec codec) {
        this.codec = codec;
    }

    public <E extends ParleyEvent> Optional<E> decode(ConsumerRecord<String, byte[]> record, Class<E> family) {
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
}
