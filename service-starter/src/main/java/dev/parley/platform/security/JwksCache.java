package dev.parley.platform.security;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * auth-service's public keys as this instance last fetched them from the JWKS. A token whose
 * {@code kid} is not among them refetches the JWKS — at most once per refetch interval: concurrent
 * misses share the one fetch, and a miss within the interval is answered from the cache without a
 * fetch (no key, so the token is refused 401). Tokens with made-up kids therefore cannot make a
 * service hammer auth-service; auth-service publishes a new key longer than the interval before it
 * signs with it (ADR 0014), so a real rotation is never caught behind such a flood.
 *
 * <p>The keys are also refetched once they are older than {@link #MAX_AGE} (under the same bound);
 * when a fetch fails, the keys already known keep working.
 */
final class JwksCache implements JWKSource<SecurityContext> {

    /** As long as auth-service lets its JWKS be cached (its {@code Cache-Control: max-age}). */
    static final Duration MAX_AGE = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(JwksCache.class);
    private static final int CONNECT_TIMEOUT_MS = 1_000;
    private static final int READ_TIMEOUT_MS = 2_000;
    private static final int SIZE_LIMIT_BYTES = 50 * 1024;

    private final JWKSetSource<SecurityContext> jwks;
    private final Duration refetchInterval;
    private final LongSupplier nanoTime;
    private final ReentrantLock fetching = new ReentrantLock();

    private volatile Fetched fetched;
    private volatile Long lastAttempt;
    private volatile KeySourceException lastFailure;

    JwksCache(String jwksUri, Duration refetchInterval) {
        this(remote(jwksUri), refetchInterval, System::nanoTime);
    }

    /** {@code nanoTime}: a monotonic clock, so that a step of the wall clock neither opens nor closes the bound. */
    JwksCache(JWKSetSource<SecurityContext> jwks, Duration refetchInterval, LongSupplier nanoTime) {
        this.jwks = jwks;
        this.refetchInterval = refetchInterval;
        this.nanoTime = nanoTime;
    }

    /** The matching keys, refetching the JWKS when none is known and the bound allows it. May block on that fetch. */
    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        Fetched seen = fetched;
        if (seen != null && seen.isFresh(nanoTime.getAsLong())) {
            List<JWK> keys = selector.select(seen.keys());
            if (!keys.isEmpty()) {
                return keys;
            }
        }
        return selector.select(refetched(seen));
    }

    /**
     * The answer {@link #get} would give without fetching, or {@code null} when it would fetch — so a
     * caller that must not block (the reactive decoder) fetches on a thread of its choosing.
     */
    List<JWK> getWithoutFetching(JWKSelector selector) throws KeySourceException {
        Fetched seen = fetched;
        long now = nanoTime.getAsLong();
        if (seen != null && seen.isFresh(now)) {
            List<JWK> keys = selector.select(seen.keys());
            if (!keys.isEmpty()) {
                return keys;
            }
        }
        return mayFetch(now) || fetching.isLocked() ? null : selector.select(known(fetched));
    }

    /**
     * Whether the keys fetched within {@link #MAX_AGE} hold one with this id; never fetches. A token verified earlier
     * ({@link VerifiedTokens}) is taken again only while its key is held, so a key withdrawn from the JWKS stops its
     * tokens when it would stop new ones.
     */
    boolean holds(String keyId) {
        Fetched seen = fetched;
        return keyId != null && seen != null && seen.isFresh(nanoTime.getAsLong())
                && seen.keys().getKeyByKeyId(keyId) != null;
    }

    private JWKSet refetched(Fetched seen) throws KeySourceException {
        if (!mayFetch(nanoTime.getAsLong()) && !fetching.isLocked()) {
            return known(fetched); // within the interval and no fetch under way to wait for
        }
        fetching.lock(); // a fetch under way is shared: this miss waits for it
        try {
            Fetched latest = fetched;
            if (latest != seen) {
                return latest.keys(); // fetched by another miss while this one waited: share it
            }
            long now = nanoTime.getAsLong();
            if (!mayFetch(now)) {
                return known(latest); // another miss's fetch failed while this one waited
            }
            lastAttempt = now;
            try {
                JWKSet keys = jwks.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(),
                        System.currentTimeMillis(), null);
                fetched = new Fetched(keys, now);
                lastFailure = null;
                return keys;
            } catch (KeySourceException e) {
                lastFailure = e;
                log.warn("Could not fetch the JWKS (next attempt in {} at the earliest): {}", refetchInterval,
                        e.getMessage());
                return known(latest);
            }
        } finally {
            fetching.unlock();
        }
    }

    private boolean mayFetch(long now) {
        Long last = lastAttempt;
        return last == null || now - last >= refetchInterval.toNanos();
    }

    /** The keys last fetched, however old; with none at all, why (the JWKS could not be fetched). */
    private JWKSet known(Fetched seen) throws KeySourceException {
        if (seen != null) {
            return seen.keys();
        }
        KeySourceException failure = lastFailure;
        if (failure != null) {
            throw new KeySourceException("No keys: the JWKS could not be fetched (" + failure.getMessage() + ")", failure);
        }
        return new JWKSet();
    }

    private static JWKSetSource<SecurityContext> remote(String jwksUri) {
        try {
            return new URLBasedJWKSetSource<>(URI.create(jwksUri).toURL(),
                    new DefaultResourceRetriever(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, SIZE_LIMIT_BYTES));
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("parley.security.jwks-uri is not a URL: " + jwksUri, e);
        }
    }

    private record Fetched(JWKSet keys, long at) {

        boolean isFresh(long now) {
            return now - at < MAX_AGE.toNanos();
        }
    }
}
