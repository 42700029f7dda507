package dev.parley.platform.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds what every Parley service configures alike ({@code META-INF/parley/service-defaults.yml}, which says
 * why each value is what it is) below every other property source: a service's {@code application.yml}
 * holds only what is its own, and anything it or its deployment sets wins.
 */
public class ServiceDefaults implements EnvironmentPostProcessor {

    static final String NAME = "parleyServiceDefaults";
    private static final String LOCATION = "META-INF/parley/service-defaults.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load(NAME, new ClassPathResource(LOCATION))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Parley service defaults " + LOCATION, e);
        }
    }
}
