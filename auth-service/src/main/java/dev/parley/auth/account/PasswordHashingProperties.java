package dev.parley.auth.account;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many password hashes (sign-ins: logins and registrations) may run and wait at once ({@link BoundedHashing}).
 * A hash is tens of milliseconds of CPU by design; the brute-force limit counts failures only, so a client
 * signing in again and again with a right password is never throttled, and every sign-in holds a request thread
 * while it waits. The waiting room is therefore small: a sign-in that finds it full is answered 503
 * {@code service_unavailable} at once, rather than parking one more thread.
 *
 * @param concurrency    hashes that run at once; 0 (the default): half the available cores, at least one
 * @param waitingPerHash sign-ins that may wait for a turn, per hash that may run: 4 by default, so with one hash
 *                       at a time four wait, each about a third of a second at most (BCrypt cost 10). 0: none wait
 * @param maxWait        the longest a sign-in in the waiting room waits for its turn (the cores may be busy with
 *                       other work) before it is answered 503 {@code service_unavailable}; 10 s by default
 */
@Validated
@ConfigurationProperties("parley.auth.password-hashing")
public record PasswordHashingProperties(
        @Min(0) @DefaultValue("0") int concurrency,
        @Min(0) @DefaultValue("4") int waitingPerHash,
        @NotNull @DefaultValue("10s") Duration maxWait) {

    public PasswordHashingProperties {
        if (concurrency == 0) {
            concurrency = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        }
    }

    /** The size of the waiting room: sign-ins beyond the running ones and these are refused at once. */
    public int maxWaiting() {
        return concurrency * waitingPerHash;
    }
}
