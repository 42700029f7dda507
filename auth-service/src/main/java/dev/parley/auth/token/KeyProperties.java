package dev.parley.auth.token;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Signing keys. Without {@code file}, keys are generated and rotated by auth-service itself and kept
 * in its database. With {@code file} (a JWK Set of RSA private keys, e.g. a mounted Kubernetes
 * secret), the first key signs, all are published, and rotating means updating the file.
 */
@Validated
@ConfigurationProperties("parley.auth.keys")
public record KeyProperties(
        String file,
        @DefaultValue("30d") Duration rotationInterval,
        @DefaultValue("1m") Duration checkInterval) {
}
