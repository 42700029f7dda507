package dev.parley.auth.token;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.parley.auth.AuthProperties;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The RSA keys access tokens are signed with. A new key is published in the JWKS first and signs
 * only from its {@code signsFrom} on ({@code publish-ahead} later, ADR 0014), so every resource server
 * holds it before it meets a token carrying it; older ones stay in the JWKS until every token they
 * signed has expired, so a rotation logs nobody out. Every instance re-reads the keys each
 * {@code check-interval}, rotating on schedule ({@code rotation-interval}).
 */
@Component
public class SigningKeys implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final KeySource source;
    private final AuthProperties auth;
    private final KeyProperties properties;
    private volatile List<KeySource.StoredKey> keys = List.of();

    SigningKeys(JdbcClient jdbc, TransactionTemplate transactions, KeyProperties properties, AuthProperties auth) {
        this.source = properties.file() == null || properties.file().isBlank()
                ? new DatabaseKeySource(jdbc, transactions, properties.rotationInterval(), properties.publishAhead())
                : new FileKeySource(Path.of(properties.file()));
        this.auth = auth;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        source.rotate(false);
        keys = source.load();
    }

    /** The key new tokens are signed with: the newest whose time has come. */
    public RSAKey current() {
        return signingAt(Instant.now()).key();
    }

    /** The public keys resource servers verify with: the signing one, those still needed, and the next one. */
    public JWKSet publicKeys() {
        return new JWKSet(keys.stream().map(stored -> (JWK) stored.key().toPublicJWK()).toList());
    }

    /** Whether the key of this id is among {@link #publicKeys()}: a token it signed is still to be taken. */
    public boolean publishes(String keyId) {
        return keyId != null && keys.stream().anyMatch(stored -> keyId.equals(stored.key().getKeyID()));
    }

    /**
     * Rotates now (the management endpoint's operation): the new key is published at once and signs
     * from the answer's {@code signsFrom} on.
     */
    public Published rotateNow() {
        KeySource.StoredKey next = source.rotate(true).orElseThrow();
        keys = source.load();
        log.info("Signing key {} published on demand; it signs from {}", next.key().getKeyID(), next.signsFrom());
        return new Published(next.key().getKeyID(), next.signsFrom());
    }

    /** A key just published, and when it starts to sign. */
    public record Published(String kid, Instant signsFrom) {
    }

    /** Rotation on schedule, retirement of keys no live token needs, and pick-up of other instances' work. */
    @Scheduled(fixedDelayString = "${parley.auth.keys.check-interval:1m}")
    public void maintain() {
        maintain(Instant.now());
    }

    void maintain(Instant now) {
        source.rotate(false).ifPresent(next ->
                log.info("Signing key {} published on schedule; it signs from {}", next.key().getKeyID(), next.signsFrom()));
        // other instances may sign with the old key until their next check; plus a minute of clock skew
        source.retire(now, auth.accessTokenTtl().plus(properties.checkInterval()).plusMinutes(1));
        keys = source.load();
    }

    List<KeySource.KeyInfo> describe() {
        return source.describe();
    }

    /** Newest first; before the first key's time (only right after a retirement in tests), the oldest one signs. */
    private KeySource.StoredKey signingAt(Instant now) {
        List<KeySource.StoredKey> all = keys;
        return all.stream().filter(stored -> !stored.signsFrom().isAfter(now)).findFirst().orElse(all.getLast());
    }
}
