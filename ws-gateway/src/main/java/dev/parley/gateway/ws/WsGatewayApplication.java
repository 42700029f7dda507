package dev.parley.gateway.ws;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The WebSocket gateway: authenticates live sessions, turns their frames into Kafka commands, and
 * fans message events out to the sessions it holds. It keeps no durable state.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class WsGatewayApplication {

    /**
     * Tomcat gives every WebSocket connection three I/O buffers of this size (frame input, frame output,
     * encoder), 8 KiB each by default: 24 KiB of heap for a connection that is idle nearly always. 1 KiB
     * still holds a usual chat frame, and larger ones stream through in parts. Read once, when Tomcat's
     * WebSocket classes load, so it is set here; {@code -Dorg.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE=…}
     * on the command line wins (docs/performance.md).
     */
    static final String CONTAINER_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    static {
        if (System.getProperty(CONTAINER_BUFFER_PROPERTY) == null) {
            System.setProperty(CONTAINER_BUFFER_PROPERTY, "1024");
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(WsGatewayApplication.class, args);
    }
}
