package dev.parley.platform.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Access tokens this instance has verified, by their text, so that a client's next request with the same token is
 * not parsed and its signature not checked again: at the edge those were an eighth of what a request costs (ADR
 * 0037). A token held here is still put through every validator each time it is taken (expiry, issuer, audience,
 * subject: {@link AccessTokenValidators}), and taken only while the key that signed it is among the JWKS's fresh
 * keys ({@link JwksCache#holds}), so a key withdrawn from the JWKS stops its tokens when it would without this.
 * <p>
 * Only tokens that passed are held, so a client cannot fill this with made-up ones: each held token took a login.
 * At most {@code capacity} are held; when full, the expired ones go, and if that frees less than a quarter of the room
 * all of them do (a token not held is verified as it would be without this). A capacity of 0 holds none.
 */
final class VerifiedTokens {

    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private final int capacity;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Predicate<String> keyHeld;
    private final Clock clock;

    VerifiedTokens(int capacity, OAuth2TokenValidator<Jwt> validator, Predicate<String> keyHeld, Clock clock) {
        this.capacity = capacity;
        this.validator = validator;
        this.keyHeld = keyHeld;
        this.clock = clock;
    }

    /** The token as verified earlier, when it is held, still valid, and its key still published; else null. */
    Jwt find(String token) {
        Held found = held.get(token);
        if (found == null) {
            return null;
        }
        if (!keyHeld.test(found.keyId()) || validator.validate(found.jwt()).hasErrors()) {
            held.remove(token, found);
            return null; // verified again from scratch, which says why it is refused
        }
        return found.jwt();
    }

    /** Holds a token that has just been verified. */
    void keep(Jwt verified) {
        if (capacity == 0) {
            return;
        }
        if (held.size() >= capacity && sweeping.compareAndSet(false, true)) {
            try {
                Instant now = clock.instant();
                held.values().removeIf(entry -> entry.jwt().getExpiresAt() == null || !now.isBefore(entry.jwt().getExpiresAt()));
                if (held.size() > capacity - Math.max(1, capacity / 4)) {
                    held.clear(); // so that the next sweep is a quarter of the room away, not one token
                }
            } finally {
                sweeping.set(false);
            }
        }
        if (held.size() < capacity) {
            Object keyId = verified.getHeaders().get("kid");
            held.put(verified.getTokenValue(), new Held(verified, keyId instanceof String id ? id : null));
        }
    }

    int size() {
        return held.size();
    }

    private record Held(Jwt jwt, String keyId) {
    }
}
