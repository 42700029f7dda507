package dev.parley.message.history;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Standalone;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Redis is an optimisation here: while it is away, calls must fail at once (not queue up until a timeout)
 * so history falls back to PostgreSQL without delay, and the client must find it again soon after.
 *
 * <p>The recent-history cache is message-service's only use of Redis, and it has a Redis of its own, which may evict
 * any key ({@code parley.message.history.cache.redis}, by default the platform's Redis; ADR 0028): the service's
 * one connection goes there, with everything else of {@code spring.data.redis} — credentials, database number,
 * timeouts, pool. Should the service ever keep state that must not be evicted, that wants a connection of its own
 * to the platform's Redis.
 */
@Configuration(proxyBeanMethods = false)
class RedisSetup {

    @Bean
    DataRedisConnectionDetails historyCacheRedis(RecentHistoryProperties properties, DataRedisProperties platform) {
        Standalone server = Standalone.of(properties.redis().host(), properties.redis().port(), platform.getDatabase());
        return new DataRedisConnectionDetails() {
            @Override
            public String getUsername() {
                return platform.getUsername();
            }

            @Override
            public String getPassword() {
                return platform.getPassword();
            }

            @Override
            public Standalone getStandalone() {
                return server;
            }
        };
    }

    @Bean
    LettuceClientOptionsBuilderCustomizer failWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    @Bean
    ClientResourcesBuilderCustomizer reconnectSoon(RecentHistoryProperties properties) {
        return resources -> resources.reconnectDelay(() -> Delay.exponential(Duration.ofMillis(20),
                properties.reconnectDelayMax(), 2, TimeUnit.MILLISECONDS));
    }
}
