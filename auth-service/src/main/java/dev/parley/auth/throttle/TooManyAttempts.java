package dev.parley.auth.throttle;

import dev.parley.platform.web.ApiException;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/** 429 {@code too_many_attempts}; {@link #retryAfter()} becomes the {@code Retry-After} header. */
public class TooManyAttempts extends ApiException {

    private final Duration retryAfter;

    TooManyAttempts(Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, "too_many_attempts", "Too many failed logins; try again later.");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
