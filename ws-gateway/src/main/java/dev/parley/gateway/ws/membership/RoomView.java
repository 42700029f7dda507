package dev.parley.gateway.ws.membership;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/** A Room as room-service answers it to the user (contract §2); {@code myRole} only for members. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RoomView(UUID id, String kind, String name, String topic, String visibility, UUID ownerId,
                       int memberCount, Instant createdAt, String myRole) {
}
