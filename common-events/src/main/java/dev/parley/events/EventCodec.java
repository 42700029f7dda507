package dev.parley.events;

import dev.parley.events.message.MessageCommand;
import dev.parley.events.message.MessageEvent;
import dev.parley.events.presence.PresenceEvent;
import dev.parley.events.room.RoomEvent;
import dev.parley.events.signal.SignalEvent;
import dev.parley.events.user.UserEvent;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON codec of the wire contract. The event type travels in the {@code eventType} header, so the
 * value is the bare record: {@code {"roomId":"…","seq":1,…}}. Unknown fields are ignored, so that
 * additive changes within a major version never break an older consumer.
 */
public final class EventCodec {

    private static final Map<String, Class<? extends ParleyEvent>> TYPES = Stream.of(
                    MessageCommand.class, MessageEvent.class, RoomEvent.class, UserEvent.class,
                    PresenceEvent.class, SignalEvent.class)
            .flatMap(family -> Arrays.stream(family.getPermittedSubclasses()))
            .map(type -> type.asSubclass(ParleyEvent.class))
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private final JsonMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** The {@code eventType} header value: the record's simple name, e.g. {@code MessagePosted}. */
    public static String eventType(ParleyEvent event) {
        return event.getClass().getSimpleName();
    }

    public byte[] encode(ParleyEvent event) {
        return mapper.writeValueAsBytes(event);
    }

    /**
     * Decodes a value of the given type and checks it belongs to the expected family (the topic's
     * sealed interface).
     *
     * @throws UnknownEventTypeException for a type this version does not know
     */
    public <E extends ParleyEvent> E decode(String eventType, byte[] json, Class<E> family) {
        Class<? extends ParleyEvent> type = TYPES.get(eventType);
        if (type == null || !family.isAssignableFrom(type)) {
            throw new UnknownEventTypeException(eventType);
        }
        return family.cast(mapper.readValue(json, type));
    }
}
