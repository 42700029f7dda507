package dev.parley.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The api-gateway's decoder under the same flood: every token with a made-up kid fails as a bad token
 * (which the gateway answers 401), with at most one JWKS fetch beyond the first.
 */
class ReactiveUnknownKidFloodTests {

    private final CountingJwks jwks = new CountingJwks();
    private final ReactiveJwtDecoder decoder =
            new ReactiveResourceServerConfiguration().reactiveJwtDecoder(jwks.properties(Duration.ofSeconds(30)));

    @AfterEach
    void stopJwks() {
        jwks.close();
    }

    @Test
    void twoHundredTokensWithUnknownKidsFailAsBadTokensWithAtMostOneJwksFetchBeyondTheFirst() {
        assertThat(decoder.decode(jwks.token()).block(Duration.ofSeconds(10))).isNotNull();
        assertThat(jwks.fetches()).isEqualTo(1);

        List<Throwable> failures = Flux.range(0, 200)
                .flatMap(i -> decoder.decode(jwks.tokenWithUnknownKid())
                        .map(jwt -> (Throwable) new AssertionError("accepted a token with an unknown kid"))
                        .onErrorResume(Mono::just), 32)
                .collectList().block(Duration.ofSeconds(30));

        assertThat(failures).hasSize(200).allMatch(BadJwtException.class::isInstance);
        assertThat(jwks.fetches()).as("JWKS fetches, the first included").isLessThanOrEqualTo(2);
        assertThat(decoder.decode(jwks.token()).block(Duration.ofSeconds(10))).as("the known key still works").isNotNull();
    }

    @Test
    void aKeyPublishedLaterIsFoundByTheFirstUnknownKidAfterTheInterval() throws Exception {
        ReactiveJwtDecoder quick =
                new ReactiveResourceServerConfiguration().reactiveJwtDecoder(jwks.properties(Duration.ofMillis(300)));
        assertThat(quick.decode(jwks.token()).block(Duration.ofSeconds(10))).isNotNull();

        jwks.publishNewKey();
        Thread.sleep(400);

        assertThat(quick.decode(jwks.token()).block(Duration.ofSeconds(10))).isNotNull();
        assertThat(jwks.fetches()).isEqualTo(2);
    }
}
