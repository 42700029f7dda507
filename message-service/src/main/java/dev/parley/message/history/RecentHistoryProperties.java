package dev.parley.message.history;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The recent-history cache in Redis.
 *
 * @param enabled false serves every page from PostgreSQL
 * @param size how many of a room's newest messages it holds
 * @param ttl how long a room nobody writes to stays cached after its last write or fill
 * @param retryAfter after a Redis failure, how long history and writes leave Redis alone before trying again
 * @param reconnectDelayMax the longest wait between two attempts to reconnect to Redis
 * @param writeDelay how long the writer gathers committed changes before it sends them to Redis together; until
 *        then a read of a changed room comes from PostgreSQL (and refills the cache)
 * @param redis the cache's own Redis — by default the platform's one ({@code spring.data.redis.*}, application.yml);
 *        a Redis that may evict any key (docs/adr/0028-a-redis-of-its-own-for-the-history-cache.md)
 */
@Validated
@ConfigurationProperties("parley.message.history.cache")
public record RecentHistoryProperties(
        @DefaultValue("true") boolean enabled,
        @Min(1) @DefaultValue("200") int size,
        @NotNull @DefaultValue("24h") Duration ttl,
        @NotNull @DefaultValue("1s") Duration retryAfter,
        @NotNull @DefaultValue("2s") Duration reconnectDelayMax,
        @NotNull @DefaultValue("20ms") Duration writeDelay,
        @NotNull @Valid Redis redis) {

    /** Where the cache's Redis is. */
    public record Redis(@NotBlank String host, @Min(1) @Max(65535) int port) {
    }
}
