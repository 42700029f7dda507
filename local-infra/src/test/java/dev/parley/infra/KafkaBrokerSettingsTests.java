package dev.parley.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The local broker's own settings, and how they are changed for an experiment through the Kafka process's system
 * properties.
 */
class KafkaBrokerSettingsTests {

    @Test
    void onlyPropertiesUnderTheBrokerPrefixBecomeBrokerSettingsWithoutIt() {
        Properties system = new Properties();
        system.setProperty("parley.kafka.broker.num.io.threads", "2");
        system.setProperty("parley.kafka.partitions", "6");
        system.setProperty("java.version", "25");

        assertThat(KafkaBroker.overrides(system)).isEqualTo(Map.of("num.io.threads", "2"));
    }

    @Test
    void theLocalBrokerRunsTwoRequestHandlersAndOneNetworkThreadUnlessToldOtherwise() {
        Path logDir = Path.of("unused");
        assertThat(KafkaBroker.brokerProperties(9092, 9093, logDir, new Properties()))
                .containsEntry("num.io.threads", "2").containsEntry("num.network.threads", "1");

        Properties system = new Properties();
        system.setProperty("parley.kafka.broker.num.io.threads", "8");
        assertThat(KafkaBroker.brokerProperties(9092, 9093, logDir, system)).containsEntry("num.io.threads", "8")
                .containsEntry("num.network.threads", "1");
    }
}
