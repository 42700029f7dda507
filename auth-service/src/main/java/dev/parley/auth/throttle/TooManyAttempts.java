package dev.parley.auth.throttle;

import dev.parley.platform.web.ApiException;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/** 429 {@code too_many_attempts}, with {@code Retry-After}: when the throttle's window lets the next attempt in. */
public class TooManyAttempts extends ApiException {

    TooManyAttempts(Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, "too_many_attempts", "Too many failed logins; try again later.", retryAfter);
    }
}
