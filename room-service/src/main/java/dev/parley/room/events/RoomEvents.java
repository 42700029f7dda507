package dev.parley.room.events;

import dev.parley.events.room.RoomEvent;

/** The events of one change of rooms, collected inside its transaction by {@link RoomEventOutbox}. */
public interface RoomEvents {

    /**
     * Writes the event to the outbox in the change's transaction. An event of an existing room is
     * appended only while holding that room's row lock, so the room's events follow its commit order.
     */
    void append(RoomEvent event);
}
