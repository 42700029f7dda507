package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.nimbusds.jwt.SignedJWT;
import dev.parley.platform.security.ServletResourceServerConfiguration;
import dev.parley.testing.TestTokens;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A rotation is not caught behind a flood of unknown kids: while a resource server (the decoder every
 * servlet service gets from service-starter, refetching at most once a second here) is flooded, a
 * rotated key is published before it signs, so the flood's own bounded refetches bring it in and the
 * first token it signs is accepted.
 */
class RotationUnderFloodTests extends AuthIntegrationTest {

    @Test
    void theFirstTokenSignedWithARotatedKeyIsAcceptedDuringAFloodOfUnknownKids() throws Exception {
        resourceServer().run(context -> {
            JwtDecoder decoder = context.getBean(JwtDecoder.class);
            String username = unique("flood");
            register(username, "flooded-pass");
            assertThat(decoder.decode(accessToken(username)).getSubject()).isNotNull();

            AtomicBoolean flooding = new AtomicBoolean(true);
            AtomicInteger refused = new AtomicInteger();
            Thread flood = Thread.ofPlatform().name("unknown-kid-flood").start(() -> {
                while (flooding.get()) {
                    try {
                        decoder.decode(TestTokens.shared().unknownKey(UUID.randomUUID()));
                    } catch (JwtException e) {
                        refused.incrementAndGet();
                    }
                    sleep(5);
                }
            });
            try {
                String newKid = post("/actuator/signingkeys", null, OPERATOR_TOKEN).body().path("publishedKid").asString();
                String token = accessToken(username);
                long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                while (!newKid.equals(SignedJWT.parse(token).getHeader().getKeyID()) && System.nanoTime() < deadline) {
                    sleep(100);
                    token = accessToken(username);
                }
                assertThat(SignedJWT.parse(token).getHeader().getKeyID()).isEqualTo(newKid);
                // the flood has run, whatever the machine's pace (counted after the fact, a slow flood could fall short)
                deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (refused.get() <= 100) {
                    assertThat(System.nanoTime()).as("the flood ran").isLessThan(deadline);
                    sleep(20);
                }

                assertThat(decoder.decode(token).getSubject()).as("first token of the new key").isNotNull();
            } finally {
                flooding.set(false);
                flood.join();
            }
        });
    }

    private WebApplicationContextRunner resourceServer() {
        return new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ServletResourceServerConfiguration.class))
                .withBean(SecurityFilterChain.class, () -> mock(SecurityFilterChain.class))
                .withPropertyValues("parley.security.issuer=" + TestTokens.shared().issuer(),
                        "parley.security.jwks-uri=http://127.0.0.1:" + port + "/.well-known/jwks.json",
                        "parley.security.jwks-refetch-interval=1s");
    }

    private String accessToken(String username) {
        return login(username, "flooded-pass").body().path("accessToken").asString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
