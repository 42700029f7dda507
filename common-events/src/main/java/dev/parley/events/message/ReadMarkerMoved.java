package dev.parley.events.message;

import java.util.UUID;

public record ReadMarkerMoved(UUID roomId, UUID userId, long seq) implements MessageEvent {
}
