package dev.parley.room.ban;

import dev.parley.room.web.MaxCodePoints;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

record BanRequest(@NotNull UUID userId, @MaxCodePoints(500) String reason) {
}
