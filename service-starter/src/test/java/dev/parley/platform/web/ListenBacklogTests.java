package dev.parley.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A service's Tomcat listens with a backlog as deep as the kernel allows, not Tomcat's 100: under a storm of
 * busy 503s, each on a connection of its own, a shallow one overflowed and the kernel reset handshakes.
 */
class ListenBacklogTests {

    @Test
    void aServicesTomcatQueuesAsManyConnectionsAsTheKernelAllows() {
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(Service.class)
                .properties("server.port=0", "spring.main.web-application-type=servlet",
                        "management.health.defaults.enabled=false", "spring.main.banner-mode=off")
                .run()) {
            TomcatWebServer tomcat = (TomcatWebServer) ((ServletWebServerApplicationContext) service).getWebServer();

            assertThat(tomcat.getTomcat().getConnector().getProperty("acceptCount")).isEqualTo(4096);
        }
    }

    /** A servlet service with nothing of its own. */
    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = {
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"})
    static class Service {
    }
}
