package dev.parley.platform.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a Parley service validates access tokens: keys from auth-service's JWKS, and the issuer and
 * audience every token must carry. Paths in {@code publicPaths} need no token. A token whose key is
 * not cached refetches the JWKS at most once per {@code jwksRefetchInterval} (ADR 0014): auth-service
 * publishes a new key for longer than that before it signs with it ({@code parley.auth.keys.publish-ahead}).
 * Up to {@code verifiedTokens} tokens that passed are held by their text, so the next request with one is not
 * verified again ({@link VerifiedTokens}, ADR 0037); 0 holds none.
 */
@Validated
@ConfigurationProperties("parley.security")
public record ParleySecurityProperties(
        @NotBlank @DefaultValue("http://localhost:8080") String issuer,
        @NotBlank @DefaultValue("http://localhost:8081/.well-known/jwks.json") String jwksUri,
        @NotBlank @DefaultValue("parley") String audience,
        @DefaultValue List<String> publicPaths,
        @NotNull @DefaultValue("30s") Duration jwksRefetchInterval,
        @DefaultValue("10000") int verifiedTokens) {

    @ConstructorBinding
    public ParleySecurityProperties {
        if (jwksRefetchInterval != null && jwksRefetchInterval.isNegative()) {
            throw new IllegalArgumentException("parley.security.jwks-refetch-interval must not be negative");
        }
        if (verifiedTokens < 0) {
            throw new IllegalArgumentException("parley.security.verified-tokens must not be negative");
        }
    }

    /** The properties with the defaults of the refetch bound (30 s) and of the tokens held verified (10,000). */
    public ParleySecurityProperties(String issuer, String jwksUri, String audience, List<String> publicPaths) {
        this(issuer, jwksUri, audience, publicPaths, Duration.ofSeconds(30), 10_000);
    }
}
