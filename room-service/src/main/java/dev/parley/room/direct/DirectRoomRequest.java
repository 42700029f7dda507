package dev.parley.room.direct;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

record DirectRoomRequest(@NotNull UUID userId) {
}
