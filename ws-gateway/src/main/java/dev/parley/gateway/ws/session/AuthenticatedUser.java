package dev.parley.gateway.ws.session;

import java.time.Instant;
import java.util.UUID;

/**
 * The holder of a verified access token. The raw token is kept to call message-service on the
 * user's behalf, so message-service applies the user's own read rights.
 */
public record AuthenticatedUser(UUID userId, String accessToken, Instant expiresAt) {
}
