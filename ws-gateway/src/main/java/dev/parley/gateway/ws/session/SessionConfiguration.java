package dev.parley.gateway.ws.session;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/** The WebSocket container's frame limits, and the timers of sessions. */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

    /**
     * The container counts text buffers in characters; raw bytes are never fewer, so a frame within
     * the byte limit always fits and a larger one is closed by the container with 1009. Frames under
     * the character limit but over the byte limit are caught by the handler.
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer(SessionProperties session) {
        var container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(session.maxFrameBytes());
        container.setMaxBinaryMessageBufferSize(session.maxFrameBytes());
        return container;
    }

    /** Session timers and {@code @Scheduled} jobs; named so it wins over the WebSocket support's own. */
    @Bean
    ThreadPoolTaskScheduler taskScheduler() {
        var scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(2);
        scheduler.setThreadNamePrefix("ws-timers-");
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }
}
