package dev.parley.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Tokens held verified (ADR 0037): through both decoders service-starter builds, against a real JWKS over HTTP, and
 * the bound on its own.
 */
class VerifiedTokensTests {

    private final CountingJwks jwks = new CountingJwks();
    private final ParleySecurityProperties properties = jwks.properties(Duration.ofSeconds(30));
    private final HoldingJwtDecoder reactive = new ReactiveResourceServerConfiguration().reactiveJwtDecoder(properties);
    private final JwtDecoder servlet = new ServletResourceServerConfiguration().jwtDecoder(properties);

    @AfterEach
    void stopJwks() {
        jwks.close();
    }

    @Test
    void aTokenVerifiedOnceIsTakenAgainWithoutBeingVerifiedAgain() {
        String token = jwks.token();
        Jwt first = reactive.decode(token).block(Duration.ofSeconds(10));
        assertThat(reactive.decode(token).block(Duration.ofSeconds(10))).as("the same, not parsed again").isSameAs(first);
        Jwt servletFirst = servlet.decode(token);
        assertThat(servlet.decode(token)).isSameAs(servletFirst);

        String another = jwks.token();
        assertThat(reactive.decode(another).block(Duration.ofSeconds(10))).isNotSameAs(first)
                .satisfies(jwt -> assertThat(jwt.getTokenValue()).isEqualTo(another));
    }

    /** ADR 0038: the edge asks whether a token is held before its security chain; asking verifies and fetches nothing. */
    @Test
    void theReactiveDecoderTellsAHeldTokenWithoutVerifyingOne() {
        String token = jwks.token();
        assertThat(reactive.held(token)).as("not decoded yet").isNull();
        assertThat(reactive.held("garbage")).isNull();
        assertThat(jwks.fetches()).as("nothing fetched to answer").isZero();

        Jwt verified = reactive.decode(token).block(Duration.ofSeconds(10));
        assertThat(reactive.held(token)).isSameAs(verified);
    }

    @Test
    void aHeldTokenIsRefusedFromItsExpiryOnAsWithoutBeingHeld() throws Exception {
        // exp is in whole seconds, so a lifetime of n seconds is between n - 1 and n: room for a cold first decode,
        // which fetches the JWKS (a 1 s token once expired before its first decode on a busy CI machine)
        String token = jwks.token(Duration.ofSeconds(5));
        Jwt held = reactive.decode(token).block(Duration.ofSeconds(10));
        assertThat(held).isNotNull();
        assertThat(servlet.decode(token)).isNotNull();

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), held.getExpiresAt()).toMillis()) + 200);

        assertThatThrownBy(() -> reactive.decode(token).block(Duration.ofSeconds(10)))
                .isInstanceOf(JwtValidationException.class).hasMessageContaining("expired");
        assertThatThrownBy(() -> servlet.decode(token))
                .isInstanceOf(JwtValidationException.class).hasMessageContaining("expired");
    }

    @Test
    void aHeldTokenWhoseKeyIsNoLongerHeldIsVerifiedAgain() {
        AtomicBoolean keyHeld = new AtomicBoolean(true);
        VerifiedTokens held = new VerifiedTokens(10, AccessTokenValidators.of(properties), kid -> keyHeld.get(),
                Clock.systemUTC());
        Jwt jwt = servlet.decode(jwks.token());
        held.keep(jwt);
        assertThat(held.find(jwt.getTokenValue())).isSameAs(jwt);

        keyHeld.set(false);
        assertThat(held.find(jwt.getTokenValue())).isNull();
        assertThat(held.size()).as("dropped").isZero();
    }

    /** Expired first; if that frees less than a quarter of the room, all, so a full store is not swept at every token. */
    @Test
    void whenFullTheExpiredGoFirstThenAll() {
        Instant now = Instant.parse("2026-11-29T12:00:00Z");
        VerifiedTokens held = new VerifiedTokens(3, jwt -> OAuth2TokenValidatorResult.success(), kid -> true, Clock.fixed(now, ZoneOffset.UTC));
        held.keep(jwt("expired", now.minusSeconds(1)));
        held.keep(jwt("live-1", now.plusSeconds(60)));
        held.keep(jwt("live-2", now.plusSeconds(60)));
        assertThat(held.size()).isEqualTo(3);

        held.keep(jwt("live-3", now.plusSeconds(60)));
        assertThat(List.of("expired", "live-1", "live-2", "live-3")).map(token -> held.find(token) != null)
                .containsExactly(false, true, true, true);

        held.keep(jwt("live-4", now.plusSeconds(60)));
        assertThat(held.size()).as("none expired: all dropped, the new one kept").isEqualTo(1);
        assertThat(held.find("live-4")).isNotNull();

        VerifiedTokens eight = new VerifiedTokens(8, jwt -> OAuth2TokenValidatorResult.success(), kid -> true,
                Clock.fixed(now, ZoneOffset.UTC));
        eight.keep(jwt("expired", now.minusSeconds(1)));
        for (int i = 1; i < 8; i++) {
            eight.keep(jwt("live-" + i, now.plusSeconds(60)));
        }
        eight.keep(jwt("live-8", now.plusSeconds(60)));
        assertThat(eight.size()).as("one of eight expired, less than a quarter: all dropped").isEqualTo(1);
    }

    @Test
    void aCapacityOfZeroHoldsNone() {
        VerifiedTokens none = new VerifiedTokens(0, jwt -> OAuth2TokenValidatorResult.success(), kid -> true, Clock.systemUTC());
        none.keep(jwt("token", Instant.now().plusSeconds(60)));
        assertThat(none.size()).isZero();
        assertThatThrownBy(() -> new ParleySecurityProperties("http://issuer.test", jwks.uri(), "parley", List.of(),
                Duration.ofSeconds(30), -1)).hasMessageContaining("parley.security.verified-tokens");
    }

    private static Jwt jwt(String token, Instant expiresAt) {
        return Jwt.withTokenValue(token).header("alg", "RS256").header("kid", "key")
                .subject(UUID.randomUUID().toString()).issuedAt(expiresAt.minusSeconds(300)).expiresAt(expiresAt).build();
    }
}
