package dev.parley.events.message;

import dev.parley.events.ParleyEvent;
import java.util.UUID;

/** Commands on {@code parley.message-commands.v1}, keyed by room id. */
public sealed interface MessageCommand extends ParleyEvent
        permits SendMessage, EditMessage, DeleteMessage, MarkRead, React {

    UUID commandId();

    UUID roomId();

    Origin origin();

    @Override
    default String key() {
        return roomId().toString();
    }
}
