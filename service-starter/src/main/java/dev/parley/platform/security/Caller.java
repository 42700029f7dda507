package dev.parley.platform.security;

import java.util.Optional;
import java.util.UUID;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling, as a verified access token names them: {@code sub} (their user id) and
 * {@code preferred_username}. The one reading of a token's subject for every service and for ws-gateway's
 * WebSocket authentication; a controller takes it as a {@link CurrentUser} parameter.
 */
public record Caller(UUID id, String username) {

    /** The caller the token names; empty when its subject is not a user id (then it is no access token of ours). */
    public static Optional<Caller> of(Jwt token) {
        try {
            return Optional.of(new Caller(UUID.fromString(token.getSubject()), token.getClaimAsString("preferred_username")));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
