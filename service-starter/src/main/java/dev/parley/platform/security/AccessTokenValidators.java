package dev.parley.platform.security;

import java.time.Duration;
import java.util.List;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;

/**
 * Signature aside, what makes a Parley access token valid: issuer, audience, expiry, a user-id subject.
 * An expired token is refused from its {@code exp} on (contract §2, §3): Spring's default allows 60 s of
 * clock skew, which let ws-gateway answer {@code ready} to a token it then closed at once as expired.
 */
public final class AccessTokenValidators {

    private AccessTokenValidators() {
    }

    public static OAuth2TokenValidator<Jwt> of(ParleySecurityProperties properties) {
        return JwtValidators.createDefaultWithValidators(
                new JwtIssuerValidator(properties.issuer()),
                new JwtTimestampValidator(Duration.ZERO),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                        audiences -> audiences != null && audiences.contains(properties.audience())),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, AccessTokenValidators::isUserId));
    }

    /** Every Parley subject is a user id; anything else is not one of our tokens. */
    private static boolean isUserId(String subject) {
        try {
            return subject != null && java.util.UUID.fromString(subject).toString().equalsIgnoreCase(subject);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
