package dev.parley.platform.web;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A servlet service with nothing of its own but the starter, on a free port: what the starter gives every service. */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"})
class PlainServletService {

    static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(PlainServletService.class)
                .properties("server.port=0", "spring.main.web-application-type=servlet",
                        "management.health.defaults.enabled=false", "spring.main.banner-mode=off")
                .run();
    }
}
