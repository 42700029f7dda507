package dev.parley.auth.account;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password hashing on a bounded number of cores, with a bounded waiting room. A BCrypt hash is tens of
 * milliseconds of CPU by design; ten registrations or logins at once took both cores of a 2-core machine for
 * most of a second, and every other user's messages waited (the hostile workload saw their p99 triple). So at
 * most {@code concurrency} hashes run; the next ones wait their turn, at most {@code maxWait}.
 * <p>
 * Only {@code maxWaiting} may wait: each waiter is a request thread parked, and the login throttle counts
 * failures only, so a client logging in again and again with its own right password (30–50 a second) had
 * parked every one of Tomcat's threads, and everyone's refreshes and reads waited behind it. A sign-in that
 * finds the waiting room full is answered at once, 503 {@code service_unavailable} ({@link HashingBusy}), as is
 * one whose wait ran out. Callers hold no database connection while they wait or hash ({@link Accounts}).
 */
final class BoundedHashing implements PasswordEncoder {

    private final PasswordEncoder hashing;
    /** A permit for each hash that may run and each sign-in that may wait; never waited for. */
    private final Semaphore admitted;
    /** A permit for each hash that may run; handed out in arrival order. */
    private final Semaphore cores;
    private final Duration maxWait;

    BoundedHashing(PasswordEncoder hashing, int concurrency, int maxWaiting, Duration maxWait) {
        this.hashing = hashing;
        this.admitted = new Semaphore(concurrency + maxWaiting);
        this.cores = new Semaphore(concurrency, true);
        this.maxWait = maxWait;
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return bounded(() -> hashing.encode(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return bounded(() -> hashing.matches(rawPassword, encodedPassword));
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return hashing.upgradeEncoding(encodedPassword);
    }

    /** How many sign-ins wait for a core now (an estimate while threads come and go). */
    int waiting() {
        return cores.getQueueLength();
    }

    private <T> T bounded(Supplier<T> hash) {
        if (!admitted.tryAcquire()) {
            throw new HashingBusy();
        }
        try {
            awaitCore();
            try {
                return hash.get();
            } finally {
                cores.release();
            }
        } finally {
            admitted.release();
        }
    }

    private void awaitCore() {
        try {
            if (cores.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new HashingBusy();
    }
}
