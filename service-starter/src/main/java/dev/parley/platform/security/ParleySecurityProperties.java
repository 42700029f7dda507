package dev.parley.platform.security;

import jakarta.validation.constraints.NotBlank;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a Parley service validates access tokens: keys from auth-service's JWKS, and the issuer and
 * audience every token must carry. Paths in {@code publicPaths} need no token.
 */
@Validated
@ConfigurationProperties("parley.security")
public record ParleySecurityProperties(
        @NotBlank @DefaultValue("http://localhost:8080") String issuer,
        @NotBlank @DefaultValue("http://localhost:8081/.well-known/jwks.json") String jwksUri,
        @NotBlank @DefaultValue("parley") String audience,
        @DefaultValue List<String> publicPaths) {
}
