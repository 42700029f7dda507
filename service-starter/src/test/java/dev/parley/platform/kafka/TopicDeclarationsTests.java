package dev.parley.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.Topic;
import java.time.Duration;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicDeclarationsTests {

    @Test
    void aTopicIsDeclaredWithTheContractsRetentionAndTheDeletePolicy() {
        NewTopic topic = TopicDeclarations.declare(Topic.ROOM_EVENTS, 6, null);

        assertThat(topic.name()).isEqualTo("parley.room-events.v1");
        assertThat(topic.numPartitions()).isEqualTo(6);
        assertThat(topic.replicationFactor()).as("the broker's default").isEqualTo((short) -1);
        assertThat(topic.configs()).containsEntry("retention.ms", "-1").containsEntry("cleanup.policy", "delete");
    }

    @Test
    void noConfiguredRetentionKeepsTheContractsForever() {
        NewTopic topic = TopicDeclarations.declare(Topic.USER_EVENTS, 6, null, null);

        assertThat(topic.configs()).containsEntry("retention.ms", "-1");
    }

    @Test
    void aConfiguredRetentionAndReplicasReplaceTheDefaults() {
        NewTopic topic = TopicDeclarations.declare(Topic.SIGNALS, 8, 3, Duration.ofMinutes(30));

        assertThat(topic.replicationFactor()).isEqualTo((short) 3);
        assertThat(topic.configs()).containsEntry("retention.ms", "1800000");
    }
}
