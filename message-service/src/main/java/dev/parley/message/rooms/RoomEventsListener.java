package dev.parley.message.rooms;

import dev.parley.events.room.MemberJoined;
import dev.parley.events.room.MemberLeft;
import dev.parley.events.room.MemberRoleChanged;
import dev.parley.events.room.RoomEvent;
import dev.parley.events.room.UserBanned;
import dev.parley.events.room.UserUnbanned;
import dev.parley.platform.kafka.EventRecords;
import dev.parley.platform.kafka.RecordTraces;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Keeps the room projection: its own consumer group, from the beginning of the (forever) topic. */
@Component
class RoomEventsListener {

    private static final Logger log = LoggerFactory.getLogger(RoomEventsListener.class);

    private final EventRecords records;
    private final RecordTraces traces;
    private final RoomProjection projection;
    private final RoomProjectionProperties properties;

    RoomEventsListener(EventRecords records, RecordTraces traces, RoomProjection projection,
                       RoomProjectionProperties properties) {
        this.records = records;
        this.traces = traces;
        this.projection = projection;
        this.properties = properties;
    }

    @KafkaListener(id = "room-projection", topics = "#{T(dev.parley.events.Topic).ROOM_EVENTS.topicName()}",
            groupId = "#{__listener.properties().groupId()}",
            concurrency = "#{__listener.properties().concurrency()}",
            properties = "auto.offset.reset=earliest")
    void on(ConsumerRecord<String, byte[]> record) {
        traces.receive(record, () -> records.read(record, RoomEvent.class)
                .filter(RoomEventsListener::isComplete)
                .ifPresent(projection::apply));
    }

    // Public for the SpEL in @KafkaListener.
    public RoomProjectionProperties properties() {
        return properties;
    }

    /** Whether the event names the ids it needs; the projection skips one that does not. */
    static boolean isComplete(RoomEvent event) {
        boolean complete = event.roomId() != null && switch (event) {
            case MemberJoined joined -> joined.userId() != null;
            case MemberLeft left -> left.userId() != null;
            case MemberRoleChanged changed -> changed.userId() != null;
            case UserBanned banned -> banned.userId() != null;
            case UserUnbanned unbanned -> unbanned.userId() != null;
            default -> true;
        };
        if (!complete) {
            log.warn("Skipped {} without its ids", event.getClass().getSimpleName());
        }
        return complete;
    }
}
