package dev.parley.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class CallerTests {

    @Test
    void theCallerIsTheSubjectWithTheUsernameTheTokenGives() {
        UUID id = UUID.randomUUID();

        assertThat(Caller.of(token(id.toString(), "ada"))).contains(new Caller(id, "ada"));
        assertThat(Caller.of(token(id.toString(), null))).contains(new Caller(id, null));
    }

    @Test
    void aSubjectThatIsNoUserIdNamesNoCaller() {
        assertThat(Caller.of(token("service-account", "ada"))).isEmpty();
        assertThat(Caller.of(token(null, "ada"))).isEmpty();
    }

    private static Jwt token(String subject, String username) {
        Jwt.Builder token = Jwt.withTokenValue("t").header("alg", "RS256").issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60)).claim("scope", "x");
        if (subject != null) {
            token.subject(subject);
        }
        if (username != null) {
            token.claim("preferred_username", username);
        }
        return token.build();
    }
}
