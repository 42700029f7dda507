package dev.parley.auth.token;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Signing keys. Without {@code file}, keys are generated and rotated by auth-service itself and kept
 * in its database; each new key is published in the JWKS {@code publishAhead} before it signs, so
 * that every resource server holds it by then (longer than their {@code parley.security.jwks-refetch-interval}
 * plus this service's {@code checkInterval}, ADR 0014). With {@code file} (a JWK Set of RSA private keys,
 * e.g. a mounted Kubernetes secret), the first key signs, all are published, and rotating means
 * updating the file. {@code adminToken} is the operator credential {@code /actuator/signingkeys}
 * requires (a bearer token); unset, that endpoint refuses everyone.
 */
@Validated
@ConfigurationProperties("parley.auth.keys")
public record KeyProperties(
        String file,
        @DefaultValue("30d") Duration rotationInterval,
        @DefaultValue("1m") Duration checkInterval,
        @DefaultValue("2m") Duration publishAhead,
        String adminToken) {

    /** Shorter, and a guess or a leaked prefix would matter; 32 random characters are out of reach. */
    static final int ADMIN_TOKEN_MIN_LENGTH = 32;

    public KeyProperties {
        if (publishAhead.isNegative() || publishAhead.compareTo(rotationInterval) >= 0) {
            throw new IllegalArgumentException("parley.auth.keys.publish-ahead must be between 0 and the rotation interval");
        }
        if (hasAdminToken(adminToken) && adminToken.strip().length() < ADMIN_TOKEN_MIN_LENGTH) {
            throw new IllegalArgumentException("PARLEY_KEY_ADMIN_TOKEN must have at least " + ADMIN_TOKEN_MIN_LENGTH
                    + " characters (e.g. openssl rand -base64 32)");
        }
    }

    boolean hasAdminToken() {
        return hasAdminToken(adminToken);
    }

    private static boolean hasAdminToken(String token) {
        return token != null && !token.isBlank();
    }
}
