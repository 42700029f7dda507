package dev.parley.auth.account;

import dev.parley.platform.web.ApiException;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/**
 * 503 {@code service_unavailable}: this sign-in found no turn to hash its password ({@link BoundedHashing}).
 * Answered with {@code Retry-After: 1}, as Parley answers its other "busy, try again" 503s (a database away, the
 * edge's and ws-gateway's connection caps): a hash takes tens of milliseconds, so the waiting room is usually free
 * again well within a second.
 */
final class HashingBusy extends ApiException {

    HashingBusy() {
        super(HttpStatus.SERVICE_UNAVAILABLE, SERVICE_UNAVAILABLE, "Too many sign-ins at once; try again shortly.",
                Duration.ofSeconds(1));
    }
}
