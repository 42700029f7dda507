package dev.parley.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

class SlowClientPropertiesTests {

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        SlowClientProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("parley.edge.slow-clients", SlowClientProperties.class);
        assertThat(defaults).isEqualTo(new SlowClientProperties(Duration.ofSeconds(10), DataSize.ofMegabytes(2),
                DataSize.ofMegabytes(64), DataSize.ofKilobytes(4), Duration.ofSeconds(10), Duration.ofMinutes(10), 4));
        assertThat(defaults.uploadMinBytesPerWindow()).as("4 KB a second over 10 s").isEqualTo(40_960);
    }

    @Test
    void aLimitOfNothingIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new SlowClientProperties(Duration.ZERO, DataSize.ofMegabytes(2), DataSize.ofMegabytes(64),
                DataSize.ofKilobytes(4), Duration.ofSeconds(10), Duration.ofMinutes(10), 4))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SlowClientProperties(Duration.ofSeconds(10), DataSize.ofMegabytes(2), DataSize.ofBytes(0),
                DataSize.ofKilobytes(4), Duration.ofSeconds(10), Duration.ofMinutes(10), 4))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SlowClientProperties(Duration.ofSeconds(10), DataSize.ofMegabytes(2), DataSize.ofMegabytes(64),
                DataSize.ofKilobytes(4), Duration.ofSeconds(10), Duration.ofMinutes(10), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
