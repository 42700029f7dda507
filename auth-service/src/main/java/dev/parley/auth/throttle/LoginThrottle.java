package dev.parley.auth.throttle;

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
 * <p>
 * Every attempt is counted as a failure before its password is checked, in one atomic step with the
 * limit check ({@link #reserve}): guesses that arrive together cannot all pass the check before any
 * of them is counted. A success gives its count back.
 */
@Component
public class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    /**
     * KEYS: the username's and the address's counters; ARGV: window (ms), username limit, address limit.
     * At a limit: the milliseconds left in that window. Otherwise count the attempt on both (the first
     * count opens the window) and answer 0.
     */
    private static final RedisScript<Long> RESERVE = RedisScript.of("""
            for i = 1, 2 do
              if tonumber(redis.call('GET', KEYS[i]) or '0') >= tonumber(ARGV[i + 1]) then
                local left = redis.call('PTTL', KEYS[i])
                if left < 0 then
                  redis.call('PEXPIRE', KEYS[i], ARGV[1])
                  left = tonumber(ARGV[1])
                end
                return left
              end
            end
            for i = 1, 2 do
              if redis.call('INCR', KEYS[i]) == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[1]) end
            end
            return 0""", Long.class);
    /** Gives an attempt back: ARGV[1] '1' resets the username's count (a success), else decrements it. */
    private static final RedisScript<Long> RELEASE = RedisScript.of("""
            if ARGV[1] == '1' then
              redis.call('DEL', KEYS[1])
            elseif tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then
              redis.call('DECR', KEYS[1])
            end
            if tonumber(redis.call('GET', KEYS[2]) or '0') > 0 then redis.call('DECR', KEYS[2]) end
            return 0""", Long.class);

    private final StringRedisTemplate redis;
    private final LoginThrottleProperties properties;

    LoginThrottle(StringRedisTemplate redis, LoginThrottleProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    /**
     * Counts this attempt as a failure unless it is later {@linkplain Attempt#succeeded() reported a
     * success} or {@linkplain Attempt#abandoned() abandoned}.
     *
     * @throws TooManyAttempts 429 {@code too_many_attempts} while either limit is reached
     */
    public Attempt reserve(String username, String address) {
        List<String> keys = List.of(usernameKey(username), addressKey(address));
        Long left;
        try {
            left = redis.execute(RESERVE, keys, Long.toString(properties.window().toMillis()),
                    Integer.toString(properties.maxFailuresPerUsername()),
                    Integer.toString(properties.maxFailuresPerAddress()));
        } catch (DataAccessException e) {
            log.warn("Login throttle unavailable, not enforced: {}", e.getMessage());
            return new Attempt(null);
        }
        if (left != null && left > 0) {
            throw new TooManyAttempts(Duration.ofSeconds(Math.max(1, (left + 999) / 1000)));
        }
        return new Attempt(keys);
    }

    /** A reserved login attempt; left alone it stays counted as a failure. */
    public final class Attempt {

        private final List<String> keys;

        private Attempt(List<String> keys) {
            this.keys = keys;
        }

        /** A successful login resets the username's count and does not count against the address. */
        public void succeeded() {
            release(true);
        }

        /** Neither a success nor a failure (the check itself failed): the attempt is not counted. */
        public void abandoned() {
            release(false);
        }

        private void release(boolean success) {
            if (keys == null) {
                return;
            }
            try {
                redis.execute(RELEASE, keys, success ? "1" : "0");
            } catch (DataAccessException e) {
                log.warn("Login throttle unavailable, attempt not given back: {}", e.getMessage());
            }
        }
    }

    private static String usernameKey(String username) {
        return "parley:auth:login-failures:user:" + username.toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "parley:auth:login-failures:addr:" + address;
    }
}
