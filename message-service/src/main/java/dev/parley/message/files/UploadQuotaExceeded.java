package dev.parley.message.files;

import dev.parley.events.ErrorCode;
import dev.parley.platform.web.ApiException;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/**
 * 429 {@code rate_limited}, as every other per-user limit of the HTTP API (contract §7), with {@code Retry-After}
 * and {@code retryAfterMs}: when the uploader has room again.
 */
class UploadQuotaExceeded extends ApiException {

    UploadQuotaExceeded(String detail, Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, ErrorCode.RATE_LIMITED.wireName(), detail, retryAfter);
    }
}
