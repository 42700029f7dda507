package dev.parley.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;

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
    void everyServiceSharesTheWireFormatTheTokenIssuerAndTheOperationsEndpoints() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("deployment", Map.of(
                "PARLEY_ISSUER", "https://chat.example.com")));
        new ServiceDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.kafka.producer.value-serializer"))
                .isEqualTo("org.apache.kafka.common.serialization.ByteArraySerializer");
        assertThat(environment.getProperty("spring.kafka.producer.properties.enable.idempotence")).isEqualTo("true");
        assertThat(environment.getProperty("spring.kafka.consumer.key-deserializer"))
                .isEqualTo("org.apache.kafka.common.serialization.StringDeserializer");
        assertThat(environment.getProperty("parley.security.issuer")).isEqualTo("https://chat.example.com");
        assertThat(environment.getProperty("parley.security.jwks-uri")).isEqualTo("http://localhost:8081/.well-known/jwks.json");
        assertThat(environment.getProperty("management.endpoints.web.exposure.include")).isEqualTo("health,info,prometheus");
        assertThat(environment.getProperty("spring.threads.virtual.enabled")).isEqualTo("false");
    }

    @Test
    void springBootFindsTheDefaults() {
        assertThat(SpringFactoriesLoader.loadFactoryNames(EnvironmentPostProcessor.class, getClass().getClassLoader()))
                .contains(ServiceDefaults.class.getName());
    }
}
