package dev.parley.auth.token;

import com.nimbusds.jose.jwk.RSAKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Where signing keys come from: the newest first, each with when it starts to sign. */
interface KeySource {

    List<StoredKey> load();

    /**
     * Rotates when the signing key will be older than the interval once a new key has been published
     * for {@code publishAhead}, or always when {@code force}. Answers the new key's id, if any.
     */
    java.util.Optional<StoredKey> rotate(boolean force);

    /** Drops keys no unexpired token can carry any more, given that tokens live {@code tokenLifetime}. */
    void retire(Instant now, Duration tokenLifetime);

    /** Key ids with when each was created, signs from and was retired, for the management endpoint. */
    List<KeyInfo> describe();

    /** A key pair and the moment it signs from: published before, in the JWKS, so every service knows it by then. */
    record StoredKey(RSAKey key, Instant signsFrom) {
    }

    record KeyInfo(String kid, Instant createdAt, Instant signsFrom, Instant retiredAt) {
    }
}
