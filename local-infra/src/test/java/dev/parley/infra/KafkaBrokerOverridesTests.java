package dev.parley.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The local broker's settings can be changed for an experiment through the Kafka process's system properties. */
class KafkaBrokerOverridesTests {

    @Test
    void onlyPropertiesUnderTheBrokerPrefixBecomeBrokerSettingsWithoutIt() {
        Properties system = new Properties();
        system.setProperty("parley.kafka.broker.num.io.threads", "2");
        system.setProperty("parley.kafka.partitions", "6");
        system.setProperty("java.version", "25");

        assertThat(KafkaBroker.overrides(system)).isEqualTo(Map.of("num.io.threads", "2"));
    }
}
