package dev.parley.room.user;

import dev.parley.events.EventCodec;
import dev.parley.events.EventHeaders;
import dev.parley.events.UnknownEventTypeException;
import dev.parley.events.user.UserEvent;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * Keeps the user directory: its own consumer group, from the beginning of the (forever) topic. What
 * can never be applied — no type header, an unknown type, malformed JSON, no user id — is skipped.
 */
@Component
class UserEventsListener {

    private static final Logger log = LoggerFactory.getLogger(UserEventsListener.class);

    private final EventCodec codec = new EventCodec();
    private final UserProjection projection;
    private final UserDirectoryProperties properties;

    UserEventsListener(UserProjection projection, UserDirectoryProperties properties) {
        this.projection = projection;
        this.properties = properties;
    }

    @KafkaListener(id = "user-directory", topics = "#{T(dev.parley.events.Topic).USER_EVENTS.topicName()}",
            groupId = "#{__listener.properties().groupId()}", properties = "auto.offset.reset=earliest")
    void on(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(EventHeaders.EVENT_TYPE);
        if (type == null || record.value() == null) {
            log.warn("Skipped a user event without type or value at {}-{}@{}", record.topic(), record.partition(),
                    record.offset());
            return;
        }
        try {
            UserEvent event = codec.decode(new String(type.value(), StandardCharsets.UTF_8), record.value(), UserEvent.class);
            if (event.userId() != null) {
                projection.apply(event);
            }
        } catch (UnknownEventTypeException e) {
            log.debug("Skipped an unknown user event type at {}-{}@{}", record.topic(), record.partition(), record.offset());
        } catch (JacksonException e) {
            log.warn("Skipped a malformed user event at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getOriginalMessage());
        }
    }

    // Public for the SpEL in @KafkaListener.
    public UserDirectoryProperties properties() {
        return properties;
    }
}
