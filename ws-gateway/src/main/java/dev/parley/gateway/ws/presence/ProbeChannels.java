package dev.parley.gateway.ws.presence;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The Redis pub/sub channels on which gateways ask each other to probe a user's connections
 * ({@link StaleConnectionsElsewhere}): every gateway hears the requests, and each its own answers. Messages are
 * handled on the session timers' threads; each only starts a probe or completes one.
 */
@Configuration(proxyBeanMethods = false)
class ProbeChannels {

    @Bean
    RedisMessageListenerContainer probeChannelsListener(RedisConnectionFactory redis, StaleConnectionsElsewhere probes,
                                                        ThreadPoolTaskScheduler taskScheduler) {
        var container = new RedisMessageListenerContainer();
        container.setConnectionFactory(redis);
        container.setTaskExecutor(taskScheduler);
        container.addMessageListener(probes, List.of(new ChannelTopic(StaleConnectionsElsewhere.REQUESTS),
                new ChannelTopic(probes.answers())));
        return container;
    }
}
