package dev.parley.message.mentions;

import dev.parley.events.user.UserEvent;
import dev.parley.events.user.UserRegistered;
import dev.parley.events.user.UserUpdated;
import dev.parley.platform.kafka.EventRecords;
import dev.parley.platform.kafka.RecordTraces;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the usernames {@code @mentions} resolve against: its own consumer group, from the beginning of
 * the (forever) user topic. An event without a user id or username is skipped.
 */
@Component
class UserEventsListener {

    private final EventRecords records;
    private final RecordTraces traces;
    private final JdbcClient jdbc;
    private final UserDirectoryProperties properties;

    UserEventsListener(EventRecords records, RecordTraces traces, JdbcClient jdbc, UserDirectoryProperties properties) {
        this.records = records;
        this.traces = traces;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @KafkaListener(id = "mention-users", topics = "#{T(dev.parley.events.Topic).USER_EVENTS.topicName()}",
            groupId = "#{__listener.properties().groupId()}", properties = "auto.offset.reset=earliest")
    void on(ConsumerRecord<String, byte[]> record) {
        traces.receive(record, () -> records.read(record, UserEvent.class).ifPresent(this::apply));
    }

    // Public for the SpEL in @KafkaListener.
    public UserDirectoryProperties properties() {
        return properties;
    }

    private void apply(UserEvent event) {
        String username = switch (event) {
            case UserRegistered registered -> registered.username();
            case UserUpdated updated -> updated.username();
        };
        if (event.userId() == null || username == null) {
            return;
        }
        jdbc.sql("insert into users (user_id, username) values (:user, :username) "
                        + "on conflict (user_id) do update set username = excluded.username")
                .param("user", event.userId())
                .param("username", username)
                .update();
    }
}
