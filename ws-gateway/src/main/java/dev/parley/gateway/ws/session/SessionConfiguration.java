package dev.parley.gateway.ws.session;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/** The WebSocket container's and the sockets' buffers, and the timers of sessions. */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

    /**
     * The container allocates its message buffers per connection. They are kept small (the handler
     * accepts frames in parts and reassembles them up to the frame limit), so tens of thousands of
     * mostly idle connections cost kilobytes each, not a frame-sized buffer each.
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer(SessionProperties session) {
        var container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(session.readBufferChars());
        container.setMaxBinaryMessageBufferSize(session.readBufferChars());
        return container;
    }

    /** A fixed kernel send buffer per connection, when configured (else the OS autotunes it). */
    @Bean
    TomcatConnectorCustomizer socketSendBuffer(SessionProperties session) {
        return connector -> {
            if (session.socketSendBufferBytes() > 0) {
                connector.setProperty("socket.txBufSize", Integer.toString(session.socketSendBufferBytes()));
            }
        };
    }

    /** Session timers and {@code @Scheduled} jobs; named so it wins over the WebSocket support's own. */
    @Bean
    ThreadPoolTaskScheduler taskScheduler() {
        var scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(4);
        scheduler.setThreadNamePrefix("ws-timers-");
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }
}
