package dev.parley.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.api.RateLimitProperties.Limit;
import dev.parley.gateway.api.TokenBuckets.Bucket;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bucket rule has two homes: the Lua script every instance runs in Redis ({@link TokenBuckets#RULE}) and this
 * instance's copy for when Redis does not answer ({@link LocalBuckets}). Here both play the same takes, on the same
 * clock, against the real Redis, and must give the same answers and keep the same levels.
 */
class TokenBucketRuleTests {

    /** The rule with the clock an argument (the last), where the edge's script reads Redis's {@code TIME}. */
    private static final String RULE_AT = "local now = tonumber(ARGV[#ARGV])\n" + TokenBuckets.RULE;
    /** Periods of minutes, so no key expires in Redis's own time while the test plays hours of the rule's. */
    private static final List<Limit> LIMITS = List.of(Limit.valueOf("5/1m burst 10"), Limit.valueOf("1/2m"),
            Limit.valueOf("3/90s burst 1"), Limit.valueOf("7/7m burst 3"));

    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;

    @BeforeAll
    static void connect() {
        client = RedisClient.create("redis://127.0.0.1:" + EdgeTestEnvironment.redisPort());
        connection = client.connect();
    }

    @AfterAll
    static void disconnect() {
        connection.close();
        client.shutdown();
    }

    @Test
    void redisAndThisInstanceGiveTheSameAnswersToTheSameTakes() {
        String run = UUID.randomUUID().toString();
        List<Bucket> buckets = new ArrayList<>();
        for (int limit = 0; limit < LIMITS.size(); limit++) {
            for (int subject = 0; subject < 3; subject++) {
                buckets.add(new Bucket("rule-" + limit, run + "-" + subject, LIMITS.get(limit)));
            }
        }
        LocalBuckets local = new LocalBuckets(1_000);
        Random random = new Random(20261129);
        long now = 1_700_000_000_000L;
        int refused = 0;
        for (int take = 0; take < 3_000; take++) {
            now += random.nextInt(4) == 0 ? random.nextInt(60_000) : random.nextInt(500);
            List<Bucket> chosen = new ArrayList<>(List.of(buckets.get(random.nextInt(buckets.size()))));
            Bucket second = buckets.get(random.nextInt(buckets.size()));
            if (random.nextBoolean() && !chosen.contains(second)) {
                chosen.add(second);
            }
            List<Long> fromRedis = takeInRedis(chosen, now);
            LocalBuckets.Outcome here = local.take(chosen, now);
            List<Long> fromHere = here instanceof LocalBuckets.Outcome.Refused refusal
                    ? List.of(refusal.refusal().retryAfterMs(), (long) chosen.indexOf(refusal.refusal().bucket()) + 1)
                    : List.of(0L, 0L);
            assertThat(fromHere).as("take %d of %s at %d", take, chosen, now).isEqualTo(fromRedis);
            for (Bucket bucket : chosen) {
                assertThat(local.kept(bucket)).as("%s after take %d", bucket, take).isEqualTo(keptInRedis(bucket));
            }
            if (fromRedis.get(0) > 0) {
                refused++;
            } else if (random.nextInt(10) == 0) {
                Bucket bucket = chosen.get(0);
                redis().eval(TokenBuckets.GIVE_BACK_RULE, ScriptOutputType.INTEGER, new String[] {bucket.key()},
                        Integer.toString(bucket.limit().burst()));
                local.giveBack(bucket);
                assertThat(local.kept(bucket)).as("%s given back after take %d", bucket, take).isEqualTo(keptInRedis(bucket));
            }
        }
        assertThat(refused).as("the takes met both answers").isBetween(300, 2_700);
    }

    @Test
    void aFullBucketIsDroppedAndOneWithNoRoomIsNotChecked() {
        Limit limit = Limit.valueOf("1/1s");
        LocalBuckets local = new LocalBuckets(2);
        Bucket first = new Bucket("requests", "a", limit);
        Bucket second = new Bucket("requests", "b", limit);
        Bucket third = new Bucket("requests", "c", limit);
        assertThat(local.take(List.of(first), 0)).isEqualTo(LocalBuckets.Outcome.TAKEN);
        assertThat(local.take(List.of(second), 0)).isEqualTo(LocalBuckets.Outcome.TAKEN);
        assertThat(local.take(List.of(first), 10)).isInstanceOf(LocalBuckets.Outcome.Refused.class);
        assertThat(local.take(List.of(third), 10)).as("no room while both are spent").isEqualTo(LocalBuckets.Outcome.UNTRACKED);
        assertThat(local.take(List.of(third), 1_500)).as("both full again, so dropped").isEqualTo(LocalBuckets.Outcome.TAKEN);
        assertThat(local.size()).isEqualTo(1);
    }

    @Test
    void aTakeRedisAllowedIsCountedHereEvenWhenThisCopyFindsItAMomentShort() {
        Bucket bucket = new Bucket("requests", "d", Limit.valueOf("1/1s"));
        LocalBuckets local = new LocalBuckets(10);
        local.spent(List.of(bucket), 0);
        local.spent(List.of(bucket), 500); // Redis, on its clock, found the token refilled
        assertThat(local.kept(bucket)).contains(new LocalBuckets.Kept(-0.5, 500));
        assertThat(local.take(List.of(bucket), 1_000)).as("both tokens counted: none by now, the next in a second")
                .isEqualTo(new LocalBuckets.Outcome.Refused(new TokenBuckets.Refusal(bucket, 1_000)));
        assertThat(local.take(List.of(bucket), 2_000)).isEqualTo(LocalBuckets.Outcome.TAKEN);
    }

    private static List<Long> takeInRedis(List<Bucket> buckets, long now) {
        List<String> arguments = new ArrayList<>(TokenBuckets.ruleArguments(buckets));
        arguments.add(Long.toString(now));
        return redis().eval(RULE_AT, ScriptOutputType.MULTI, buckets.stream().map(Bucket::key).toArray(String[]::new),
                arguments.toArray(String[]::new));
    }

    /** What Redis holds of a bucket, as the script wrote it. */
    private static Optional<LocalBuckets.Kept> keptInRedis(Bucket bucket) {
        List<String> stored = redis().hmget(bucket.key(), "tokens", "at").stream().map(value -> value.getValueOrElse(null)).toList();
        return stored.get(0) == null ? Optional.empty()
                : Optional.of(new LocalBuckets.Kept(Double.parseDouble(stored.get(0)), Long.parseLong(stored.get(1))));
    }

    private static RedisCommands<String, String> redis() {
        return connection.sync();
    }
}
