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

    public static void main(String[] args) {
        SpringApplication.run(WsGatewayApplication.class, args);
    }
}
