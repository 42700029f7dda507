package dev.parley.events.room;

import java.time.Instant;
import java.util.UUID;

/** The ban is lifted: the user may read (public room) and join again. Only published when there was a ban. */
public record UserUnbanned(UUID roomId, UUID userId, Instant unbannedAt) implements RoomEvent {
}
