package dev.parley.auth.account;

import java.time.Instant;
import java.util.UUID;

/** The contract's User: what every endpoint answers about an account. */
public record User(UUID id, String username, String displayName, Instant createdAt) {
}
