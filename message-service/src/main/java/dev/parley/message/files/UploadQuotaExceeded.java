package dev.parley.message.files;

import dev.parley.events.ErrorCode;
import dev.parley.platform.web.ApiException;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/**
 * 429 {@code rate_limited}, as every other per-user limit of the HTTP API (contract §7); {@link #retryAfter()} becomes
 * {@code Retry-After} (whole seconds) and {@code retryAfterMs}, as the edge answers its own limits.
 */
class UploadQuotaExceeded extends ApiException {

    private final Duration retryAfter;

    UploadQuotaExceeded(String detail, Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, ErrorCode.RATE_LIMITED, detail);
        this.retryAfter = retryAfter.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : retryAfter;
    }

    /** At least a second. */
    Duration retryAfter() {
        return retryAfter;
    }
}
