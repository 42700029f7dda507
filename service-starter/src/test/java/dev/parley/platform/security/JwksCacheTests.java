package dev.parley.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSetRetrievalException;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The refetch bound on its own, with a clock the test moves and a JWKS the test controls. */
class JwksCacheTests {

    static final Duration INTERVAL = Duration.ofSeconds(30);

    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final Jwks jwks = new Jwks();
    final JwksCache cache = new JwksCache(jwks, INTERVAL, now::get);

    @Test
    void aMissWithinTheIntervalIsAnsweredWithoutAFetch() throws Exception {
        String known = jwks.publish();
        assertThat(keysFor(known)).hasSize(1);

        advance(INTERVAL.minusSeconds(1));
        assertThat(keysFor("made-up-1")).isEmpty();
        assertThat(keysFor("made-up-2")).isEmpty();
        assertThat(cache.getWithoutFetching(selector("made-up-3"))).as("answered, no fetch needed").isEmpty();

        assertThat(jwks.fetches.get()).isEqualTo(1);
    }

    @Test
    void aKeyPublishedLaterIsFoundByTheFirstMissAfterTheInterval() throws Exception {
        jwks.publish();
        assertThat(keysFor("made-up")).isEmpty();
        String rotated = jwks.publish();

        advance(INTERVAL.minusSeconds(1));
        assertThat(keysFor(rotated)).as("within the interval").isEmpty();
        advance(Duration.ofSeconds(1));
        assertThat(cache.getWithoutFetching(selector(rotated))).as("only a fetch can answer").isNull();
        assertThat(keysFor(rotated)).hasSize(1);

        assertThat(jwks.fetches.get()).isEqualTo(2);
    }

    @Test
    void concurrentMissesShareOneFetch() throws Exception {
        String key = jwks.publish();
        jwks.holdFetches();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Future<List<JWK>>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(threads.submit(() -> keysFor(key)));
            }
            assertThat(jwks.fetchStarted.await(5, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(200); // the other seven reach the fetch in progress
            jwks.releaseFetches();
            for (Future<List<JWK>> answer : answers) {
                assertThat(answer.get(5, TimeUnit.SECONDS)).hasSize(1);
            }
        }
        assertThat(jwks.fetches.get()).isEqualTo(1);
    }

    @Test
    void keysOlderThanTheMaximumAgeAreRefetchedAndKeptWhenTheFetchFails() throws Exception {
        String key = jwks.publish();
        assertThat(keysFor(key)).hasSize(1);

        advance(JwksCache.MAX_AGE);
        jwks.failing = true;
        assertThat(keysFor(key)).as("the known key keeps working").hasSize(1);
        assertThat(jwks.fetches.get()).isEqualTo(2);

        assertThat(keysFor(key)).hasSize(1);
        assertThat(jwks.fetches.get()).as("no retry within the interval").isEqualTo(2);
    }

    @Test
    void withoutAnyKeyAFailedFetchIsReportedNotTakenForAnUnknownKey() {
        jwks.failing = true;
        assertThatThrownBy(() -> keysFor("any")).isInstanceOf(KeySourceException.class);
        assertThatThrownBy(() -> keysFor("any")).as("within the interval, without a fetch")
                .isInstanceOf(KeySourceException.class);
        assertThat(jwks.fetches.get()).isEqualTo(1);
    }

    /** What a token held verified ({@link VerifiedTokens}) is checked against: fresh keys only, and never a fetch. */
    @Test
    void holdsTheKeysFetchedWithinTheMaximumAgeWithoutFetching() throws Exception {
        String key = jwks.publish();
        assertThat(cache.holds(key)).as("nothing fetched yet").isFalse();
        assertThat(jwks.fetches.get()).isZero();

        assertThat(keysFor(key)).hasSize(1);
        assertThat(cache.holds(key)).isTrue();
        assertThat(cache.holds("made-up")).isFalse();
        assertThat(cache.holds(null)).isFalse();

        jwks.published.clear(); // withdrawn at auth-service: held until the keys are refetched, as for new tokens
        advance(JwksCache.MAX_AGE.minusSeconds(1));
        assertThat(cache.holds(key)).isTrue();
        advance(Duration.ofSeconds(1));
        assertThat(cache.holds(key)).as("older than the maximum age").isFalse();
        assertThat(keysFor(key)).as("refetched: withdrawn").isEmpty();
        assertThat(cache.holds(key)).isFalse();
        assertThat(jwks.fetches.get()).isEqualTo(2);
    }

    private List<JWK> keysFor(String kid) throws KeySourceException {
        return cache.get(selector(kid), null);
    }

    private static JWKSelector selector(String kid) {
        return new JWKSelector(JWKMatcher.forJWSHeader(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build()));
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    /** auth-service's JWKS: keys the test publishes, fetches it counts, failures or a hold it is told to. */
    static final class Jwks implements JWKSetSource<SecurityContext> {

        final List<JWK> published = new ArrayList<>();
        final AtomicInteger fetches = new AtomicInteger();
        final CountDownLatch fetchStarted = new CountDownLatch(1);
        volatile CountDownLatch hold = new CountDownLatch(0);
        volatile boolean failing;

        synchronized String publish() throws Exception {
            RSAKey key = new RSAKeyGenerator(2048).keyID("key-" + published.size()).generate();
            published.add(key.toPublicJWK());
            return key.getKeyID();
        }

        void holdFetches() {
            hold = new CountDownLatch(1);
        }

        void releaseFetches() {
            hold.countDown();
        }

        @Override
        public JWKSet getJWKSet(com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator evaluator, long time,
                                SecurityContext context) throws KeySourceException {
            fetches.incrementAndGet();
            fetchStarted.countDown();
            try {
                hold.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failing) {
                throw new JWKSetRetrievalException("auth-service is away", null);
            }
            synchronized (this) {
                return new JWKSet(List.copyOf(published));
            }
        }

        @Override
        public void close() {
        }
    }
}
