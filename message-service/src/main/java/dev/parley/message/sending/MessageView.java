package dev.parley.message.sending;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/** A message as the contract shows it (§2); a deleted one is a tombstone with an empty body. */
public record MessageView(UUID id, UUID roomId, long seq, UUID senderId, String clientMsgId, String body,
                          Instant createdAt, @JsonInclude(JsonInclude.Include.NON_NULL) Instant editedAt,
                          boolean deleted) {
}
