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
 * The RSA keys access tokens are signed with. The newest signs; older ones stay in the JWKS until
 * every token they signed has expired, so a rotation logs nobody out. Every instance re-reads the
 * keys each {@code check-interval}, rotating on schedule ({@code rotation-interval}).
 */
@Component
public class SigningKeys implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final KeySource source;
    private final AuthProperties auth;
    private final KeyProperties properties;
    private volatile List<RSAKey> keys = List.of();

    SigningKeys(JdbcClient jdbc, TransactionTemplate transactions, KeyProperties properties, AuthProperties auth) {
        this.source = properties.file() == null || properties.file().isBlank()
                ? new DatabaseKeySource(jdbc, transactions, properties.rotationInterval())
                : new FileKeySource(Path.of(properties.file()));
        this.auth = auth;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        source.rotate(false);
        keys = source.load();
    }

    /** The key new tokens are signed with. */
    public RSAKey current() {
        return keys.getFirst();
    }

    /** The public keys resource servers verify with: the signing one and those still needed. */
    public JWKSet publicKeys() {
        return new JWKSet(keys.stream().map(key -> (JWK) key.toPublicJWK()).toList());
    }

    /** Rotates now (the management endpoint's operation); answers the new signing key id. */
    public String rotateNow() {
        source.rotate(true);
        keys = source.load();
        log.info("Signing key rotated on demand; now signing with {}", current().getKeyID());
        return current().getKeyID();
    }

    /** Rotation on schedule, retirement of keys no live token needs, and pick-up of other instances' work. */
    @Scheduled(fixedDelayString = "${parley.auth.keys.check-interval:1m}")
    public void maintain() {
        maintain(Instant.now());
    }

    void maintain(Instant now) {
        if (source.rotate(false)) {
            log.info("Signing key rotated on schedule");
        }
        // other instances may sign with the old key until their next check; plus a minute of clock skew
        source.retire(now, auth.accessTokenTtl().plus(properties.checkInterval()).plusMinutes(1));
        keys = source.load();
    }

    List<KeySource.KeyInfo> describe() {
        return source.describe();
    }
}
