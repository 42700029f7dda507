package dev.parley.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.Topic;
import dev.parley.infra.Infrastructure;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Against a real broker: a consumer's topic-level metrics reach the registry once per topic, under its name. */
class KafkaMetricsTests {

    private static final String TOPIC = Topic.SIGNALS.topicName();

    private final String bootstrap = Infrastructure.shared().kafkaBootstrapServers();

    @Test
    void aTopicsMetricsAreKeptUnderItsNameOnly() throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(TOPIC, "room", "{}")).get();
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "metrics-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (consumer.poll(Duration.ofMillis(200)).isEmpty() && System.nanoTime() < deadline) {
                // until the first fetch with records, which creates the topic's metrics
            }

            Set<String> unfiltered = topicTags(consumer, new SimpleMeterRegistry());
            MeterRegistry filtered = new SimpleMeterRegistry();
            filtered.config().meterFilter(new KafkaMetricsConfiguration().kafkaTopicMetricsOnce());
            Set<String> kept = topicTags(consumer, filtered);

            assertThat(unfiltered).as("what the client records").contains(TOPIC, TOPIC.replace('.', '_'));
            assertThat(kept).as("what the service exports").containsExactly(TOPIC);
        }
    }

    /** The topic tags of the meters that the consumer's metrics register in this registry, before they are removed. */
    private static Set<String> topicTags(KafkaConsumer<?, ?> consumer, MeterRegistry registry) {
        try (KafkaClientMetrics metrics = new KafkaClientMetrics(consumer)) {
            metrics.bindTo(registry);
            return registry.getMeters().stream().map(Meter::getId).map(id -> id.getTag("topic"))
                    .filter(topic -> topic != null).collect(Collectors.toSet());
        }
    }
}
