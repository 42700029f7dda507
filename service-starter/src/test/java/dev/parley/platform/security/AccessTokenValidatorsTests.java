package dev.parley.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

class AccessTokenValidatorsTests {

    private static final String ISSUER = "https://chat.example.com";

    private final OAuth2TokenValidator<Jwt> validator = AccessTokenValidators.of(
            new ParleySecurityProperties(ISSUER, ISSUER + "/.well-known/jwks.json", "parley", List.of()));

    @Test
    void aTokenOfTheIssuerForParleyNamingAUserIsValidUntilItsExpiry() {
        assertThat(validator.validate(token(UnaryOperator.identity())).hasErrors()).isFalse();
    }

    @Test
    void aTokenIsRefusedFromItsExpiryOnWithoutClockSkew() {
        Jwt expiredASecondAgo = token(t -> t.issuedAt(Instant.now().minusSeconds(901))
                .expiresAt(Instant.now().minusSeconds(1)));

        assertThat(validator.validate(expiredASecondAgo).hasErrors()).isTrue();
    }

    @Test
    void anotherIssuerAnotherAudienceOrASubjectThatIsNoUserIdIsRefused() {
        assertThat(validator.validate(token(t -> t.issuer("https://evil.example"))).hasErrors()).isTrue();
        assertThat(validator.validate(token(t -> t.audience(List.of("someone-else")))).hasErrors()).isTrue();
        assertThat(validator.validate(token(t -> t.subject("service-account"))).hasErrors()).isTrue();
    }

    private static Jwt token(UnaryOperator<Jwt.Builder> change) {
        Jwt.Builder token = Jwt.withTokenValue("t").header("alg", "RS256").issuer(ISSUER).audience(List.of("parley"))
                .subject(UUID.randomUUID().toString()).issuedAt(Instant.now().minusSeconds(1))
                .expiresAt(Instant.now().plusSeconds(60));
        return change.apply(token).build();
    }
}
