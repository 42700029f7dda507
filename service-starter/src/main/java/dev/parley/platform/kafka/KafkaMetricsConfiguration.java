package dev.parley.platform.kafka;

import dev.parley.events.Topic;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Kafka's clients record every topic-level metric twice: under the topic's name and, for JMX's sake, under that name
 * with its dots replaced by underscores. Both would reach Prometheus as two series of the same figure, and a sum over
 * the {@code topic} tag would count it twice; the underscored copy of a contract topic's name is dropped.
 */
@AutoConfiguration
@ConditionalOnClass({MeterFilter.class, org.apache.kafka.clients.CommonClientConfigs.class})
public class KafkaMetricsConfiguration {

    private static final Set<String> UNDERSCORED_TOPICS = Arrays.stream(Topic.values())
            .map(topic -> topic.topicName().replace('.', '_')).collect(Collectors.toUnmodifiableSet());

    @Bean
    MeterFilter kafkaTopicMetricsOnce() {
        return MeterFilter.deny(id -> {
            String topic = id.getTag("topic");
            return topic != null && id.getName().startsWith("kafka.") && UNDERSCORED_TOPICS.contains(topic);
        });
    }
}
