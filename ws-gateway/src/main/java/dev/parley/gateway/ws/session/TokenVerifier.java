package dev.parley.gateway.ws.session;

import dev.parley.platform.security.Caller;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * Checks an access token with the platform's {@link JwtDecoder} (RS256 signature from the JWKS,
 * issuer, audience, expiry) and requires it to name a {@link Caller}.
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
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtException e) {
            log.debug("Refused an access token: {}", e.getMessage());
            return Optional.empty();
        }
        return Caller.of(jwt).map(caller -> new AuthenticatedUser(caller.id(), token, jwt.getExpiresAt()));
    }
}
