package dev.parley.system.asyncapi;

import dev.parley.events.EventCodec;
import dev.parley.events.ParleyEvent;
import dev.parley.events.Topic;
import dev.parley.events.message.MessageCommand;
import dev.parley.events.message.MessageEvent;
import dev.parley.events.presence.PresenceEvent;
import dev.parley.events.room.RoomEvent;
import dev.parley.events.signal.SignalEvent;
import dev.parley.events.user.UserEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** common-events' Kafka contract: each {@link Topic} and every event on it, as {@link EventCodec} writes it. */
final class KafkaEvents {

    /** Which topic carries each family of events: each is the sealed interface of one topic. */
    private static final Map<Class<?>, Topic> TOPICS = Map.of(MessageCommand.class, Topic.MESSAGE_COMMANDS,
            MessageEvent.class, Topic.MESSAGE_EVENTS, RoomEvent.class, Topic.ROOM_EVENTS, UserEvent.class,
            Topic.USER_EVENTS, PresenceEvent.class, Topic.PRESENCE_EVENTS, SignalEvent.class, Topic.SIGNALS);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private KafkaEvents() {
    }

    /** Each topic's events by name (the {@code eventType} header), with their fields. */
    static Map<String, Map<String, Map<String, FieldShape>>> topics() throws ReflectiveOperationException {
        Map<String, Map<String, Map<String, FieldShape>>> topics = new LinkedHashMap<>();
        for (Topic topic : Topic.values()) {
            topics.put(topic.topicName(), new LinkedHashMap<>());
        }
        EventCodec codec = new EventCodec();
        for (Map.Entry<Class<?>, Topic> family : TOPICS.entrySet()) {
            for (Class<?> type : family.getKey().getPermittedSubclasses()) {
                ParleyEvent event = (ParleyEvent) Samples.instance(type, true);
                topics.get(family.getValue().topicName()).put(EventCodec.eventType(event),
                        FieldShape.ofEvent(JSON.readTree(codec.encode(event)), type));
            }
        }
        return topics;
    }

    static Map<String, Long> retentions() {
        Map<String, Long> retentions = new LinkedHashMap<>();
        for (Topic topic : Topic.values()) {
            retentions.put(topic.topicName(), topic.retentionMs());
        }
        return retentions;
    }
}
