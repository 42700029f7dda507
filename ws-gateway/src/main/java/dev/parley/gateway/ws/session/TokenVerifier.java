package dev.parley.gateway.ws.session;

import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * Checks an access token with the platform's {@link JwtDecoder} (RS256 signature from the JWKS,
 * issuer, audience, expiry) and requires the subject to be a user id.
 */
@Component
public class TokenVerifier {

    private static final Logger log = LoggerFactory.getLogger(TokenVerifier.class);

    private final JwtDecoder decoder;

    TokenVerifier(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    public Optional<AuthenticatedUser> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            Jwt jwt = decoder.decode(token);
            return Optional.of(new AuthenticatedUser(UUID.fromString(jwt.getSubject()), token, jwt.getExpiresAt()));
        } catch (JwtException | IllegalArgumentException e) {
            log.debug("Refused an access token: {}", e.getMessage());
            return Optional.empty();
        }
    }
}
