package dev.parley.events.signal;

import dev.parley.events.ParleyEvent;
import java.util.UUID;

/** Ephemeral signals on {@code parley.signals.v1}, keyed by room id. */
public sealed interface SignalEvent extends ParleyEvent permits Typing {

    UUID roomId();

    @Override
    default String key() {
        return roomId().toString();
    }
}
