package dev.parley.auth.token;

import com.nimbusds.jose.jwk.RSAKey;
import java.time.Instant;
import java.util.List;

/** Where signing keys come from: newest (the signing one) first. */
interface KeySource {

    List<RSAKey> load();

    /** Rotates when the signing key is older than the interval, or always when {@code force}. */
    boolean rotate(boolean force);

    /** Drops keys no unexpired token can carry any more, given that tokens live {@code tokenLifetime}. */
    void retire(Instant now, java.time.Duration tokenLifetime);

    /** Key ids with when each was created and retired, for the management endpoint. */
    List<KeyInfo> describe();

    record KeyInfo(String kid, Instant createdAt, Instant retiredAt) {
    }
}
