package dev.parley.room.ban;

import dev.parley.room.web.Text;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

record BanRequest(@NotNull UUID userId, @Text(max = 500) String reason) {
}
