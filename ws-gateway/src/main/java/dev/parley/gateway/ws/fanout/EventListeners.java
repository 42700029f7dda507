package dev.parley.gateway.ws.fanout;

import dev.parley.events.EventCodec;
import dev.parley.events.EventHeaders;
import dev.parley.events.ParleyEvent;
import dev.parley.events.UnknownEventTypeException;
import dev.parley.events.message.MessageEvent;
import dev.parley.events.presence.PresenceEvent;
import dev.parley.events.room.RoomEvent;
import dev.parley.events.signal.SignalEvent;
import dev.parley.platform.kafka.RecordTraces;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Thin: each listener decodes an event and hands it to its fan-out. Unknown event types are skipped
 * (additive evolution), and so is a record that cannot be decoded: retrying it would not help, and
 * it must not hold up the events behind it. Each record is handled in one span, the child of the one it
 * was produced in — per record, never per recipient ({@link RecordTraces}).
 */
@Component
class EventListeners {

    private static final Logger log = LoggerFactory.getLogger(EventListeners.class);

    private final EventCodec codec;
    private final MessageFanout messages;
    private final RoomFanout rooms;
    private final PresenceFanout presence;
    private final TypingFanout typing;
    private final RecordTraces traces;

    EventListeners(EventCodec codec, MessageFanout messages, RoomFanout rooms, PresenceFanout presence,
                   TypingFanout typing, RecordTraces traces) {
        this.traces = traces;
        this.codec = codec;
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
        traces.runAndEnd(traces.follow(record.headers(), record.topic() + " receive"),
                () -> handle(record, family, handler));
    }

    private <E extends ParleyEvent> void handle(ConsumerRecord<String, byte[]> record, Class<E> family,
                                                Consumer<E> handler) {
        Header type = record.headers().lastHeader(EventHeaders.EVENT_TYPE);
        if (type == null) {
            log.warn("Skipping a record without eventType at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return;
        }
        E event;
        try {
            event = codec.decode(new String(type.value(), StandardCharsets.UTF_8), record.value(), family);
        } catch (UnknownEventTypeException e) {
            log.debug("Skipping: {}", e.getMessage());
            return;
        } catch (RuntimeException e) {
            log.warn("Skipping an undecodable record at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.toString());
            return;
        }
        handler.accept(event);
    }
}
