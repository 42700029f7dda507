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

    /**
     * The container's per-connection socket buffers, smaller than Tomcat's 8 KiB each (they are held for
     * the connection's whole life), and a fixed kernel send buffer when configured (else the OS autotunes it).
     */
    @Bean
    TomcatConnectorCustomizer socketBuffers(SessionProperties session) {
        return connector -> {
            connector.setProperty("socket.appReadBufSize", Integer.toString(session.socketAppBufferBytes()));
            connector.setProperty("socket.appWriteBufSize", Integer.toString(session.socketAppBufferBytes()));
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
