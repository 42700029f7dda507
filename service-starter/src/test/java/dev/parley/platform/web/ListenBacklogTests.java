package dev.parley.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
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
        try (ConfigurableApplicationContext service = PlainServletService.start()) {
            TomcatWebServer tomcat = (TomcatWebServer) ((ServletWebServerApplicationContext) service).getWebServer();

            assertThat(tomcat.getTomcat().getConnector().getProperty("acceptCount")).isEqualTo(4096);
        }
    }
}
