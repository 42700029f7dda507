package dev.parley.gateway.ws.session;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** The timers of sessions. */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

    /** Session timers and {@code @Scheduled} jobs. */
    @Bean
    ThreadPoolTaskScheduler taskScheduler() {
        var scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(4);
        scheduler.setThreadNamePrefix("ws-timers-");
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }
}
