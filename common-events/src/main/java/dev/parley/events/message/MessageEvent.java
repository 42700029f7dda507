package dev.parley.events.message;

import dev.parley.events.ParleyEvent;
import java.util.UUID;

/** Events on {@code parley.message-events.v1}, keyed by room id, in {@code seq} order per room. */
public sealed interface MessageEvent extends ParleyEvent
        permits MessagePosted, SendRepeated, MessageEdited, MessageDeleted, ReadMarkerMoved, MessageRejected, ThreadUpdated,
                ReactionAdded, ReactionRemoved {

    UUID roomId();

    @Override
    default String key() {
        return roomId().toString();
    }
}
