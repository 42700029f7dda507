package dev.parley.platform.kafka;

import dev.parley.events.Topic;
import java.time.Duration;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.kafka.config.TopicBuilder;

/**
 * How the producer of a contract topic declares it (ADR 0003): its name, partitions, retention and the
 * delete cleanup policy; replicas from the broker's default unless set. Spring's {@code KafkaAdmin} creates
 * a missing topic at start-up and leaves an existing one alone.
 */
public final class TopicDeclarations {

    private TopicDeclarations() {
    }

    /** With the contract's retention ({@link Topic#retentionMs()}; -1 is forever). */
    public static NewTopic declare(Topic topic, int partitions, Integer replicas) {
        return declare(topic, partitions, replicas, topic.retentionMs());
    }

    /** With a retention of the service's configuration; {@code null} keeps the contract's. */
    public static NewTopic declare(Topic topic, int partitions, Integer replicas, Duration retention) {
        return declare(topic, partitions, replicas, retention == null ? topic.retentionMs() : retention.toMillis());
    }

    private static NewTopic declare(Topic topic, int partitions, Integer replicas, long retentionMs) {
        TopicBuilder builder = TopicBuilder.name(topic.topicName())
                .partitions(partitions)
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs))
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        if (replicas != null) {
            builder.replicas(replicas);
        }
        return builder.build();
    }
}
