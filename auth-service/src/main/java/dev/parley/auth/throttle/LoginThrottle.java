package dev.parley.auth.throttle;

import dev.parley.platform.web.ApiException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per username (known or not, so it reveals nothing) and per client address
 * in Redis, shared by every auth-service instance. A window opens with the first failure and lasts
 * {@code window}; refused attempts are not counted, so they do not extend it. When Redis is down
 * logins are not throttled (logged), rather than refused for everyone.
 */
@Component
public class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    /** INCR, and start the window on the first failure only. */
    private static final RedisScript<Long> COUNT_FAILURE = RedisScript.of("""
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return n""", Long.class);

    private final StringRedisTemplate redis;
    private final LoginThrottleProperties properties;

    LoginThrottle(StringRedisTemplate redis, LoginThrottleProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    /** @throws ApiException 429 {@code too_many_attempts} while either limit is reached */
    public void checkAllowed(String username, String address) {
        try {
            refuseIfOver(usernameKey(username), properties.maxFailuresPerUsername());
            refuseIfOver(addressKey(address), properties.maxFailuresPerAddress());
        } catch (DataAccessException e) {
            log.warn("Login throttle unavailable, not enforced: {}", e.getMessage());
        }
    }

    public void recordFailure(String username, String address) {
        try {
            String window = Long.toString(properties.window().toMillis());
            redis.execute(COUNT_FAILURE, List.of(usernameKey(username)), window);
            redis.execute(COUNT_FAILURE, List.of(addressKey(address)), window);
        } catch (DataAccessException e) {
            log.warn("Login throttle unavailable, failure not counted: {}", e.getMessage());
        }
    }

    /** A successful login resets the username's count (not the address's). */
    public void recordSuccess(String username) {
        try {
            redis.delete(usernameKey(username));
        } catch (DataAccessException e) {
            log.warn("Login throttle unavailable, count not reset: {}", e.getMessage());
        }
    }

    private void refuseIfOver(String key, int limit) {
        String count = redis.opsForValue().get(key);
        if (count != null && Long.parseLong(count) >= limit) {
            Long ttl = redis.getExpire(key, java.util.concurrent.TimeUnit.SECONDS);
            throw new TooManyAttempts(Duration.ofSeconds(ttl == null || ttl < 1 ? 1 : ttl));
        }
    }

    private static String usernameKey(String username) {
        return "parley:auth:login-failures:user:" + username.toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "parley:auth:login-failures:addr:" + address;
    }
}
