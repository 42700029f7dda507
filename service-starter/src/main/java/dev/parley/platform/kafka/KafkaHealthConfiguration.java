package dev.parley.platform.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/** Boot has no Kafka health indicator; Parley services report the broker in {@code /actuator/health}. */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass(KafkaAdmin.class)
@ConditionalOnBean(KafkaAdmin.class)
public class KafkaHealthConfiguration {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Bean(destroyMethod = "close")
    Admin kafkaHealthAdmin(KafkaAdmin kafkaAdmin) {
        Map<String, Object> config = new java.util.HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        return Admin.create(config);
    }

    @Bean
    HealthIndicator kafkaHealthIndicator(Admin kafkaHealthAdmin) {
        return () -> {
            try {
                var cluster = kafkaHealthAdmin.describeCluster(
                        new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()));
                int brokers = cluster.nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
                return Health.up()
                        .withDetail("clusterId", cluster.clusterId().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                        .withDetail("brokers", brokers)
                        .build();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Health.down(e).build();
            } catch (Exception e) {
                return Health.down(e).build();
            }
        };
    }
}
