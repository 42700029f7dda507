package dev.parley.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.boot.EnvironmentPostProcessor;

class ServiceDefaultsTests {

    @Test
    void servicesTakeHeadersLargerThanTheEdgeLetsThrough() {
        StandardEnvironment environment = new StandardEnvironment();
        new ServiceDefaults().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("server.max-http-request-header-size")).isEqualTo("32KB");
    }

    @Test
    void whatAServiceOrItsDeploymentSaysWins() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application",
                Map.of("server.max-http-request-header-size", "64KB")));
        new ServiceDefaults().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("server.max-http-request-header-size")).isEqualTo("64KB");
    }

    @Test
    void springBootFindsTheDefaults() {
        assertThat(SpringFactoriesLoader.loadFactoryNames(EnvironmentPostProcessor.class, getClass().getClassLoader()))
                .contains(ServiceDefaults.class.getName());
    }
}
