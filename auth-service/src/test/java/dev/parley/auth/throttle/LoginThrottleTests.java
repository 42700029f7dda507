package dev.parley.auth.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.infra.Infrastructure;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Contract §2's login window, on the real Redis with a short window: it opens with the first failure, refused
 * attempts do not extend it, {@code Retry-After} counts down to its end, and then the user may log in again.
 */
class LoginThrottleTests {

    private static final Duration WINDOW = Duration.ofSeconds(2);

    private static LettuceConnectionFactory connections;
    private static StringRedisTemplate redis;

    @BeforeAll
    static void connect() {
        connections = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", Infrastructure.shared().redis().port()));
        connections.afterPropertiesSet();
        connections.start();
        redis = new StringRedisTemplate(connections);
    }

    @AfterAll
    static void disconnect() {
        connections.destroy();
    }

    @Test
    void refusedAttemptsDoNotExtendTheWindowAndItsEndLetsTheUserInAgain() throws Exception {
        LoginThrottle throttle = new LoginThrottle(redis, new LoginThrottleProperties(3, 100, WINDOW));
        String username = "window-" + UUID.randomUUID();
        String address = "198.51.100.77";
        long opened = System.nanoTime();
        throttle.reserve(username, address); // left alone: a failure, and the first one opens the window
        long firstCounted = System.nanoTime();
        for (int i = 1; i < 3; i++) {
            throttle.reserve(username, address);
        }

        // tried every 100 ms: a refusal that extended the window would keep it shut for as long as this goes on
        Duration lastRetryAfter = WINDOW;
        LoginThrottle.Attempt admitted = null;
        while (admitted == null) {
            assertThat(Duration.ofNanos(System.nanoTime() - opened)).as("let in once the first failure's window ended")
                    .isLessThan(WINDOW.plusSeconds(5));
            long before = System.nanoTime();
            try {
                admitted = throttle.reserve(username, address);
            } catch (TooManyAttempts refused) {
                long after = System.nanoTime();
                Duration retryAfter = refused.retryAfter().orElseThrow();
                assertThat(retryAfter).as("Retry-After counts down, never up").isLessThanOrEqualTo(lastRetryAfter);
                // the window ends between opened + WINDOW and firstCounted + WINDOW; Retry-After is the time left in
                // it when Redis was asked (between before and after), rounded up to whole seconds
                assertThat(retryAfter).as("Retry-After covers the time left in the window")
                        .isGreaterThanOrEqualTo(Duration.ofNanos(opened - after).plus(WINDOW))
                        .isLessThan(Duration.ofNanos(firstCounted - before).plus(WINDOW).plusSeconds(1));
                lastRetryAfter = retryAfter;
                Thread.sleep(100);
            }
        }
        admitted.succeeded();
        assertThat(Duration.ofNanos(System.nanoTime() - opened)).as("not let in before the window ended")
                .isGreaterThanOrEqualTo(WINDOW.minusMillis(100));
    }
}
