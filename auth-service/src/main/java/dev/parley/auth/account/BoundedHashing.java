package dev.parley.auth.account;

import dev.parley.platform.web.ApiException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password hashing on a bounded number of cores. A BCrypt hash is tens of milliseconds of CPU by design;
 * ten registrations or logins at once took both cores of a 2-core machine for most of a second, and every
 * other user's messages waited (the hostile workload saw their p99 triple). Hashes beyond the bound wait
 * their turn, at most {@code maxWait}; then the request is answered 503 {@code service_unavailable}.
 */
final class BoundedHashing implements PasswordEncoder {

    private final PasswordEncoder hashing;
    private final Semaphore cores;
    private final Duration maxWait;

    BoundedHashing(PasswordEncoder hashing, int concurrency, Duration maxWait) {
        this.hashing = hashing;
        this.cores = new Semaphore(concurrency, true);
        this.maxWait = maxWait;
    }

    @Override
    public String encode(CharSequence rawPassword) {
        acquire();
        try {
            return hashing.encode(rawPassword);
        } finally {
            cores.release();
        }
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        acquire();
        try {
            return hashing.matches(rawPassword, encodedPassword);
        } finally {
            cores.release();
        }
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return hashing.upgradeEncoding(encodedPassword);
    }

    private void acquire() {
        try {
            if (cores.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw ApiException.unavailable("Too many sign-ins at once; try again shortly.");
    }
}
