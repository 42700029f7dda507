package dev.parley.events.user;

import java.time.Instant;
import java.util.UUID;

public record UserUpdated(UUID userId, String username, String displayName, Instant updatedAt)
        implements UserEvent {
}
