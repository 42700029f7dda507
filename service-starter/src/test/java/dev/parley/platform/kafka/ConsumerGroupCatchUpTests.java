package dev.parley.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.Topic;
import dev.parley.infra.Infrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaAdmin;

/** Against a real broker: "caught up" means the group committed past what was published before the question. */
class ConsumerGroupCatchUpTests {

    private final String bootstrap = Infrastructure.shared().kafkaBootstrapServers();
    private final String group = "catch-up-" + UUID.randomUUID();
    private final KafkaAdmin kafkaAdmin = new KafkaAdmin(Map.of("bootstrap.servers", bootstrap));

    @Test
    void itWaitsUntilTheGroupHasConsumedTheKeysPartition() throws Exception {
        String key = UUID.randomUUID().toString();
        publish(key);
        try (var catchUp = new ConsumerGroupCatchUp(kafkaAdmin, Topic.SIGNALS, group, Duration.ofMillis(800),
                Duration.ofMillis(20))) {
            assertThat(catchUp.awaitKey(key)).as("nothing consumed yet").isFalse();
            consumeAndCommitEverything();
            assertThat(catchUp.awaitKey(key)).isTrue();
            assertThat(catchUp.awaitKeys(List.of(key, UUID.randomUUID().toString()))).isTrue();
        }
    }

    private void publish(String key) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(Topic.SIGNALS.topicName(), key, "{}")).get(30, TimeUnit.SECONDS);
        }
    }

    private void consumeAndCommitEverything() {
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(Topic.SIGNALS.topicName()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200));
                if (!consumer.assignment().isEmpty() && consumer.assignment().stream()
                        .allMatch(p -> consumer.position(p) >= consumer.endOffsets(List.of(p)).get(p))) {
                    consumer.commitSync();
                    return;
                }
            }
            throw new AssertionError("could not consume the topic");
        }
    }
}
