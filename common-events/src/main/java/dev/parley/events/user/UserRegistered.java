package dev.parley.events.user;

import java.time.Instant;
import java.util.UUID;

public record UserRegistered(UUID userId, String username, String displayName, Instant createdAt)
        implements UserEvent {
}
