package dev.parley.room.user;

import dev.parley.events.user.UserEvent;
import dev.parley.platform.kafka.EventRecords;
import dev.parley.platform.kafka.RecordTraces;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the user directory: its own consumer group, from the beginning of the (forever) topic. What
 * can never be applied — what {@link EventRecords} skips, and an event without a user id — is skipped.
 */
@Component
class UserEventsListener {

    private final EventRecords records;
    private final RecordTraces traces;
    private final UserProjection projection;
    private final UserDirectoryProperties properties;

    UserEventsListener(EventRecords records, RecordTraces traces, UserProjection projection,
                       UserDirectoryProperties properties) {
        this.records = records;
        this.traces = traces;
        this.projection = projection;
        this.properties = properties;
    }

    @KafkaListener(id = "user-directory", topics = "#{T(dev.parley.events.Topic).USER_EVENTS.topicName()}",
            groupId = "#{__listener.properties().groupId()}", properties = "auto.offset.reset=earliest")
    void on(ConsumerRecord<String, byte[]> record) {
        traces.receive(record, () -> records.read(record, UserEvent.class)
                .filter(event -> event.userId() != null)
                .ifPresent(projection::apply));
    }

    // Public for the SpEL in @KafkaListener.
    public UserDirectoryProperties properties() {
        return properties;
    }
}
