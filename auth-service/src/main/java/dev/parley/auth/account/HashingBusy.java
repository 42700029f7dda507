package dev.parley.auth.account;

import dev.parley.platform.web.ApiException;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/**
 * 503 {@code service_unavailable}: this sign-in found no turn to hash its password ({@link BoundedHashing}).
 * Answered with {@code Retry-After} ({@link #RETRY_AFTER}), as Parley answers its other "busy, try again"
 * 503s (a database away, the edge's and ws-gateway's connection caps).
 */
final class HashingBusy extends ApiException {

    /** A hash takes tens of milliseconds: the waiting room is usually free again well within a second. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    HashingBusy() {
        super(HttpStatus.SERVICE_UNAVAILABLE, SERVICE_UNAVAILABLE, "Too many sign-ins at once; try again shortly.");
    }
}
