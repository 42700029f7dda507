package dev.parley.message.history;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Redis is an optimisation here: while it is away, calls must fail at once (not queue up until a timeout)
 * so history falls back to PostgreSQL without delay, and the client must find it again soon after.
 */
@Configuration(proxyBeanMethods = false)
class RedisSetup {

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
