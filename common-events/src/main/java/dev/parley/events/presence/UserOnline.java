package dev.parley.events.presence;

import java.time.Instant;
import java.util.UUID;

public record UserOnline(UUID userId, Instant at) implements PresenceEvent {
}
