package dev.parley.gateway.api;

import dev.parley.gateway.api.RateLimitProperties.Limit;
import io.lettuce.core.ClientOptions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Token buckets in Redis, so every api-gateway instance spends from the same ones. All buckets of a
 * request are checked in one script call (one round trip, atomic): either each gives a token or none
 * does, and the answer says how long until the emptiest has one again. The clock is Redis's, so the
 * instances' clocks need not agree.
 * <p>
 * Redis trouble degrades to this instance's own buckets ({@link LocalBuckets}), which follow every take Redis
 * allowed here: a call that has not answered within {@code parley.edge.rate-limits.redis-timeout}, or fails, is
 * checked against them instead — counted in {@code parley.edge.ratelimit.local} and logged at most every 10 s. After
 * such a failure Redis is left alone for {@code redis-retry-after}: requests are checked here at once instead of each
 * waiting out the timeout on a Redis that hangs (and queueing a command on its connection); then one request at a
 * time asks it again, and the first answer puts the shared limits back. Only a request whose bucket this instance
 * has no room to keep passes unchecked ({@code parley.edge.ratelimit.unchecked}).
 * <p>
 * A bucket Redis answered empty is refused here until Redis said it would hold a token again ({@link EmptyBuckets}),
 * without asking Redis: a client past its limit costs no round trip per request.
 */
@Component
class TokenBuckets implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TokenBuckets.class);
    private static final long REPORT_EVERY_NANOS = Duration.ofSeconds(10).toNanos();
    /** How often this instance drops its buckets that are full again, so a quiet edge holds few. */
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(10);
    /**
     * The bucket rule, given {@code now} in milliseconds. KEYS: the buckets; ARGV: per bucket its capacity (burst),
     * permits and period (ms). Answers {0, 0} when every bucket gave a token, else {milliseconds to wait, 1-based index
     * of the bucket}. Levels are written with 17 digits, so they read back as the numbers they were. {@link LocalBuckets}
     * holds the same rule in Java.
     */
    static final String RULE = """
            local levels, wait, which = {}, 0, 0
            for i, key in ipairs(KEYS) do
              local capacity = tonumber(ARGV[3 * i - 2])
              local rate = tonumber(ARGV[3 * i - 1]) / tonumber(ARGV[3 * i])
              local bucket = redis.call('HMGET', key, 'tokens', 'at')
              local tokens = tonumber(bucket[1]) or capacity
              local elapsed = math.max(0, now - (tonumber(bucket[2]) or now))
              levels[i] = math.min(capacity, tokens + elapsed * rate)
              if levels[i] < 1 then
                local needed = math.ceil((1 - levels[i]) / rate)
                if needed > wait then wait, which = needed, i end
              end
            end
            if wait > 0 then return {wait, which} end
            for i, key in ipairs(KEYS) do
              local rate = tonumber(ARGV[3 * i - 1]) / tonumber(ARGV[3 * i])
              redis.call('HSET', key, 'tokens', string.format('%.17g', levels[i] - 1), 'at', now)
              redis.call('PEXPIRE', key, math.ceil(tonumber(ARGV[3 * i - 2]) / rate) + 1000)
            end
            return {0, 0}""";
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> TAKE = RedisScript.of("""
            local clock = redis.call('TIME')
            local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
            """ + RULE, List.class);
    /** KEYS: one bucket; ARGV: its capacity. A token taken earlier goes back, up to the capacity. */
    static final String GIVE_BACK_RULE = """
            local tokens = tonumber(redis.call('HGET', KEYS[1], 'tokens'))
            if tokens then redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', math.min(tonumber(ARGV[1]), tokens + 1))) end
            return 0""";
    private static final RedisScript<Long> GIVE_BACK = RedisScript.of(GIVE_BACK_RULE, Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final ReactiveRedisConnectionFactory connections;
    private final Duration timeout;
    private final long retryAfterNanos;
    private final Counter unchecked;
    private final Counter checkedLocally;
    private final LocalBuckets local;
    private final EmptyBuckets empty;
    private final AtomicLong nextReport = new AtomicLong(System.nanoTime());
    private volatile boolean connected;
    private volatile boolean failing;
    private final AtomicLong leaveAloneUntil = new AtomicLong(System.nanoTime());
    private volatile boolean running;
    private volatile Disposable connecting;
    private volatile Disposable sweeping;

    TokenBuckets(ReactiveStringRedisTemplate redis, ReactiveRedisConnectionFactory connections,
            RateLimitProperties properties, MeterRegistry meters) {
        this.redis = redis;
        this.connections = connections;
        this.timeout = properties.redisTimeout();
        this.retryAfterNanos = properties.redisRetryAfter().toNanos();
        this.unchecked = Counter.builder("parley.edge.ratelimit.unchecked")
                .description("Requests let through without a rate-limit check: Redis did not answer in time, and this "
                        + "instance had no room to keep their buckets")
                .register(meters);
        this.checkedLocally = Counter.builder("parley.edge.ratelimit.local")
                .description("Requests checked against this instance's own buckets because Redis did not answer in time")
                .register(meters);
        this.local = new LocalBuckets(properties.localBuckets());
        this.empty = new EmptyBuckets(properties.localBuckets());
    }

    /**
     * While Redis is away, commands fail at once instead of queueing for the reconnect: this instance's own buckets
     * have long decided each request by then, and a queue would only grow with every request of the outage.
     */
    @Bean
    static LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    /** The bucket of one limit ({@code name}) for one user or address ({@code subject}). */
    record Bucket(String name, String subject, Limit limit) {

        String key() {
            return "parley:edge:rate:" + name + ":" + subject;
        }
    }

    /** Empty when the request may pass, else the bucket without a token and how long until it has one. */
    record Refusal(Bucket bucket, long retryAfterMs) {
    }

    /** The refusal for the one of these buckets Redis lately answered empty, without asking it; null when none is. */
    Refusal knownRefusal(List<Bucket> buckets) {
        return empty.refusal(buckets, System.nanoTime());
    }

    /** Whether Redis lately answered any bucket empty that has not refilled since (as far as this instance knows). */
    boolean anyKnownEmpty() {
        return empty.size() > 0;
    }

    /** Takes a token from each bucket, or none; empty when they all gave one. */
    Mono<Refusal> take(List<Bucket> buckets) {
        Refusal known = knownRefusal(buckets);
        if (known != null) {
            return Mono.just(known);
        }
        if (!connected) {
            return checkLocally(buckets, "Redis is not connected yet");
        }
        if (failing) {
            long until = leaveAloneUntil.get();
            long now = System.nanoTime();
            // after the pause, one request asks Redis again: the others are checked here meanwhile, as in the pause
            if (now - until < 0 || !leaveAloneUntil.compareAndSet(until, now + timeout.toNanos() + retryAfterNanos)) {
                return checkLocally(buckets, "Redis failed a moment ago; asked again every " + retryAfterNanos / 1_000_000 + " ms");
            }
        }
        return redis.execute(TAKE, buckets.stream().map(Bucket::key).toList(), ruleArguments(buckets)).next()
                .timeout(timeout)
                .flatMap(answer -> {
                    failing = false;
                    long wait = ((Number) answer.get(0)).longValue();
                    int which = ((Number) answer.get(1)).intValue();
                    if (wait > 0) {
                        Refusal refusal = new Refusal(buckets.get(which - 1), wait);
                        empty.empty(refusal.bucket(), wait, System.nanoTime());
                        return Mono.just(refusal);
                    }
                    local.spent(buckets, nowMillis()); // for when Redis goes quiet
                    return Mono.<Refusal>empty();
                })
                .onErrorResume(failure -> {
                    leaveAloneUntil.set(System.nanoTime() + retryAfterNanos);
                    failing = true;
                    return checkLocally(buckets, failure instanceof TimeoutException
                            ? "Redis did not answer within " + timeout.toMillis() + " ms" : failure.toString());
                });
    }

    /**
     * Gives back the token a request took from the bucket, here and in Redis. Redis trouble loses Redis's (logged at
     * debug): the bucket then refills as it would have, and the request is not held up for longer than the timeout.
     */
    Mono<Void> giveBack(Bucket bucket) {
        local.giveBack(bucket);
        empty.refilled(bucket);
        if (!connected || failing) {
            return Mono.empty();
        }
        return redis.execute(GIVE_BACK, List.of(bucket.key()), List.of(Integer.toString(bucket.limit().burst())))
                .then()
                .timeout(timeout)
                .onErrorResume(failure -> {
                    log.debug("Could not give back a token of {}: {}", bucket.key(), failure.toString());
                    return Mono.empty();
                });
    }

    /** {@link #RULE}'s ARGV for the buckets: per bucket its capacity (burst), permits and period (ms). */
    static List<String> ruleArguments(List<Bucket> buckets) {
        List<String> arguments = new ArrayList<>();
        for (Bucket bucket : buckets) {
            arguments.add(Integer.toString(bucket.limit().burst()));
            arguments.add(Integer.toString(bucket.limit().permits()));
            arguments.add(Long.toString(bucket.limit().period().toMillis()));
        }
        return arguments;
    }

    /** Without Redis's answer: this instance's buckets decide, or, with no room to keep one more, nothing does. */
    private Mono<Refusal> checkLocally(List<Bucket> buckets, String why) {
        LocalBuckets.Outcome outcome = local.take(buckets, nowMillis());
        if (outcome instanceof LocalBuckets.Outcome.Untracked) {
            unchecked.increment();
            report("Rate limits not enforced for clients this instance has no room to follow ({} buckets kept), "
                    + "requests pass unchecked: {} (counted in parley.edge.ratelimit.unchecked, reported at most every 10 s)",
                    local.size(), why);
            return Mono.empty();
        }
        checkedLocally.increment();
        report("Rate limits enforced by this instance alone: {} (counted in parley.edge.ratelimit.local, reported at "
                + "most every 10 s)", why);
        return outcome instanceof LocalBuckets.Outcome.Refused refused ? Mono.just(refused.refusal()) : Mono.empty();
    }

    private void report(String message, Object... arguments) {
        long due = nextReport.get();
        long now = System.nanoTime();
        if (now - due >= 0 && nextReport.compareAndSet(due, now + REPORT_EVERY_NANOS)) {
            log.warn(message, arguments);
        }
    }

    private static long nowMillis() {
        return System.nanoTime() / 1_000_000;
    }

    /**
     * Opens the shared Redis connection before the server takes requests: Spring Data opens it blocking, so a
     * request must never be the one to open it (on an event-loop thread). If Redis cannot be reached now, it
     * is tried again in the background until it can; this instance's own buckets decide meanwhile.
     */
    @Override
    public void start() {
        running = true;
        sweeping = Flux.interval(SWEEP_EVERY).subscribe(tick -> {
            local.sweep(nowMillis());
            empty.sweep(System.nanoTime());
        });
        Mono<Void> open = Mono.<Void>fromRunnable(() -> connections.getReactiveConnection().close())
                .subscribeOn(Schedulers.boundedElastic())
                .doOnSuccess(done -> connected = true);
        try {
            open.block(Duration.ofSeconds(5));
        } catch (RuntimeException unreachable) {
            log.warn("Redis cannot be reached ({}); rate limits are held by this instance alone until it can",
                    unreachable.toString());
            connecting = open.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(2)))
                    .subscribe(done -> { }, failure -> { }, () -> log.info("Redis reached; rate limits are shared again"));
        }
    }

    @Override
    public void stop() {
        running = false;
        Disposable retries = connecting;
        if (retries != null) {
            retries.dispose();
        }
        sweeping.dispose();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the connection factory (phase 0), before the web server. */
    @Override
    public int getPhase() {
        return 1;
    }
}
