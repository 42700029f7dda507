package dev.parley.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.api.RateLimitProperties.Limit;
import dev.parley.gateway.api.TokenBuckets.Bucket;
import dev.parley.gateway.api.TokenBuckets.Refusal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The buckets Redis answered empty, on a clock the test moves (ADR 0037). */
class EmptyBucketsTests {

    private static final long MS = 1_000_000;

    private final Bucket address = new Bucket("requests", "127.0.0.1", Limit.valueOf("300/1s"));
    private final Bucket user = new Bucket("history-reads", "user-1", Limit.valueOf("20/1s burst 50"));
    private final EmptyBuckets empty = new EmptyBuckets(10);

    @Test
    void aBucketAnsweredEmptyIsRefusedUntilTheMomentRedisGaveThenNoLonger() {
        long now = 5_000 * MS;
        assertThat(empty.refusal(List.of(address, user), now)).isNull();

        empty.empty(user, 50, now);
        assertThat(empty.refusal(List.of(address, user), now + 10 * MS)).isEqualTo(new Refusal(user, 40));
        assertThat(empty.refusal(List.of(address, user), now + 49 * MS + 1)).as("what is left, rounded up")
                .isEqualTo(new Refusal(user, 1));
        assertThat(empty.refusal(List.of(address), now + 10 * MS)).as("a request without that bucket").isNull();
        assertThat(empty.refusal(List.of(address, user), now + 50 * MS)).as("from the moment on, Redis is asked").isNull();
        assertThat(empty.size()).as("dropped once passed").isZero();
    }

    @Test
    void theBucketEmptyLongestAnswers() {
        empty.empty(address, 3, 0);
        empty.empty(user, 50, 0);
        assertThat(empty.refusal(List.of(address, user), MS)).isEqualTo(new Refusal(user, 49));
        assertThat(empty.refusal(List.of(address, user), 10 * MS)).isEqualTo(new Refusal(user, 40));
    }

    @Test
    void aTokenGivenBackHereEndsTheRefusal() {
        empty.empty(user, 60_000, 0);
        empty.refilled(user);
        assertThat(empty.refusal(List.of(user), MS)).isNull();
    }

    @Test
    void atMostCapacityAreHeldThePassedOnesDroppedFirst() {
        EmptyBuckets two = new EmptyBuckets(2);
        Bucket third = new Bucket("room-creations", "user-1", Limit.valueOf("5/1m"));
        two.empty(address, 10, 0);
        two.empty(user, 60_000, 0);
        two.empty(third, 60_000, 5 * MS);
        assertThat(two.refusal(List.of(third), 6 * MS)).as("no room, nothing passed yet: asked of Redis").isNull();

        long later = 2_000 * MS; // a crowded sweep runs at most once a second
        two.empty(third, 60_000, later);
        assertThat(two.refusal(List.of(third), later + MS)).as("the address's moment had passed").isNotNull();
        assertThat(two.refusal(List.of(user), later + MS)).isNotNull();

        two.sweep(120_000 * MS);
        assertThat(two.size()).isZero();
        assertThat(new EmptyBuckets(0)).satisfies(none -> {
            none.empty(user, 50, 0);
            assertThat(none.refusal(List.of(user), MS)).isNull();
        });
    }
}
