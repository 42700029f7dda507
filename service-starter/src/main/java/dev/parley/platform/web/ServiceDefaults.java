package dev.parley.platform.web;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults every Parley service shares, below everything a service or its deployment configures.
 * <ul>
 *   <li>Request headers up to 32 KiB: the edge accepts 16 KiB from clients (contract §7) and adds its own
 *   (forwarded address, trace context). At Tomcat's 8 KiB, a client's 10 KiB header that the edge let
 *   through was refused by the service with an HTML page, or cut the edge's connection (a 500).</li>
 * </ul>
 */
public class ServiceDefaults implements EnvironmentPostProcessor {

    static final String NAME = "parleyServiceDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(NAME,
                Map.of("server.max-http-request-header-size", "32KB")));
    }
}
