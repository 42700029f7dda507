package dev.parley.gateway.ws.fanout;

import dev.parley.events.ParleyEvent;
import dev.parley.events.message.MessageEvent;
import dev.parley.events.presence.PresenceEvent;
import dev.parley.events.room.RoomEvent;
import dev.parley.events.signal.SignalEvent;
import dev.parley.platform.kafka.EventRecords;
import dev.parley.platform.kafka.RecordTraces;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Thin: each listener decodes an event and hands it to its fan-out; a record that cannot be read is
 * skipped as {@link EventRecords} says. Each record is handled in one span, the child of the one it
 * was produced in — per record, never per recipient ({@link RecordTraces}).
 */
@Component
class EventListeners {

    private static final Logger log = LoggerFactory.getLogger(EventListeners.class);

    private final EventRecords records;
    private final MessageFanout messages;
    private final RoomFanout rooms;
    private final PresenceFanout presence;
    private final TypingFanout typing;
    private final RecordTraces traces;

    EventListeners(EventRecords records, MessageFanout messages, RoomFanout rooms, PresenceFanout presence,
                   TypingFanout typing, RecordTraces traces) {
        this.traces = traces;
        this.records = records;
        this.messages = messages;
        this.rooms = rooms;
        this.presence = presence;
        this.typing = typing;
    }

    @KafkaListener(id = "messages", idIsGroup = false, containerFactory = FanoutConfiguration.CONTAINER_FACTORY,
            topics = "#{T(dev.parley.events.Topic).MESSAGE_EVENTS.topicName()}")
    void onMessageEvent(ConsumerRecord<String, byte[]> record) {
        decode(record, MessageEvent.class, messages::dispatch);
    }

    @KafkaListener(id = "rooms", idIsGroup = false, containerFactory = FanoutConfiguration.CONTAINER_FACTORY,
            topics = "#{T(dev.parley.events.Topic).ROOM_EVENTS.topicName()}")
    void onRoomEvent(ConsumerRecord<String, byte[]> record) {
        decode(record, RoomEvent.class, rooms::dispatch);
    }

    /**
     * A poll's presence transitions at once: their users' rooms are read from the roster in one round trip, not one
     * a transition (a reconnection storm is one a connection, on every gateway); each is then pushed in its own span.
     */
    @KafkaListener(id = "presence", idIsGroup = false, containerFactory = FanoutConfiguration.BATCH_CONTAINER_FACTORY,
            topics = "#{T(dev.parley.events.Topic).PRESENCE_EVENTS.topicName()}")
    void onPresenceEvents(List<ConsumerRecord<String, byte[]>> batch) {
        Map<ConsumerRecord<String, byte[]>, PresenceEvent> events = new LinkedHashMap<>();
        batch.forEach(record -> records.read(record, PresenceEvent.class).ifPresent(event -> events.put(record, event)));
        Map<UUID, Set<UUID>> rooms = presence.roomsOf(events.values());
        events.forEach((record, event) -> traces.receive(record, () -> {
            try {
                presence.dispatch(event, rooms);
            } catch (RuntimeException e) { // not thrown on: the poll would be handled again, its earlier pushes too
                log.warn("Could not push the presence of user {}", event.userId(), e);
            }
        }));
    }

    @KafkaListener(id = "signals", idIsGroup = false, containerFactory = FanoutConfiguration.CONTAINER_FACTORY,
            topics = "#{T(dev.parley.events.Topic).SIGNALS.topicName()}")
    void onSignal(ConsumerRecord<String, byte[]> record) {
        decode(record, SignalEvent.class, typing::dispatch);
    }

    private <E extends ParleyEvent> void decode(ConsumerRecord<String, byte[]> record, Class<E> family,
                                                Consumer<E> handler) {
        traces.receive(record, () -> records.read(record, family).ifPresent(handler));
    }
}
