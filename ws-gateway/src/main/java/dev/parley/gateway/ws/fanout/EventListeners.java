package dev.parley.gateway.ws.fanout;

import dev.parley.events.ParleyEvent;
import dev.parley.events.message.MessageEvent;
import dev.parley.events.presence.PresenceEvent;
import dev.parley.events.room.RoomEvent;
import dev.parley.events.signal.SignalEvent;
import dev.parley.platform.kafka.EventRecords;
import dev.parley.platform.kafka.RecordTraces;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Thin: each listener decodes an event and hands it to its fan-out; a record that cannot be read is
 * skipped as {@link EventRecords} says. Each record is handled in one span, the child of the one it
 * was produced in — per record, never per recipient ({@link RecordTraces}).
 */
@Component
class EventListeners {

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

    @KafkaListener(id = "presence", idIsGroup = false, containerFactory = FanoutConfiguration.CONTAINER_FACTORY,
            topics = "#{T(dev.parley.events.Topic).PRESENCE_EVENTS.topicName()}")
    void onPresenceEvent(ConsumerRecord<String, byte[]> record) {
        decode(record, PresenceEvent.class, presence::dispatch);
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
