package dev.parley.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.infra.Infrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;

/** Against a real broker: a consumer that ends on its own breaks the service's liveness; one stopped does not. */
class ListenerLivenessTests {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String bootstrap = Infrastructure.shared().kafkaBootstrapServers();
    private final List<ConsumerStoppedEvent> stops = new CopyOnWriteArrayList<>();
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ListenerLivenessConfiguration.class))
            .withBean(ApplicationAvailabilityBean.class)
            .withBean("stops", ApplicationListener.class,
                    () -> (ApplicationListener<ConsumerStoppedEvent>) stops::add);

    @Test
    void aConsumerEndedByAnErrorOutOfItsListenerBreaksLiveness() throws Exception {
        String topic = newTopic();
        publish(topic);
        runner.run(context -> {
            started(context);
            KafkaMessageListenerContainer<String, String> container = container(context, topic, record -> {
                throw new NoClassDefFoundError("a class the listener needed");
            });
            container.start();
            try {
                await(() -> liveness(context) == LivenessState.BROKEN);
                assertThat(stops).extracting(ConsumerStoppedEvent::getReason)
                        .containsExactly(ConsumerStoppedEvent.Reason.ERROR);
            } finally {
                container.stop();
            }
        });
    }

    @Test
    void aContainerStoppedOnPurposeLeavesLivenessCorrect() throws Exception {
        String topic = newTopic();
        publish(topic);
        List<String> consumed = new CopyOnWriteArrayList<>();
        runner.run(context -> {
            started(context);
            KafkaMessageListenerContainer<String, String> container = container(context, topic,
                    record -> consumed.add(record.value()));
            container.start();
            await(() -> !consumed.isEmpty());
            container.stop();
            await(() -> !stops.isEmpty());
            assertThat(stops).extracting(ConsumerStoppedEvent::getReason)
                    .containsExactly(ConsumerStoppedEvent.Reason.NORMAL);
            assertThat(liveness(context)).isEqualTo(LivenessState.CORRECT);
        });
    }

    private KafkaMessageListenerContainer<String, String> container(ApplicationContext context, String topic,
                                                                    MessageListener<String, String> listener) {
        ContainerProperties properties = new ContainerProperties(topic);
        properties.setGroupId("liveness-" + UUID.randomUUID());
        properties.setMessageListener(listener);
        var consumers = new DefaultKafkaConsumerFactory<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        var container = new KafkaMessageListenerContainer<>(consumers, properties);
        container.setApplicationEventPublisher(context);
        return container;
    }

    private String newTopic() throws Exception {
        String topic = "liveness-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        return topic;
    }

    private void publish(String topic) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(topic, "key", "{}")).get(30, TimeUnit.SECONDS);
        }
    }

    /** What a Spring Boot application's start publishes (an availability with no event yet reads as BROKEN). */
    private static void started(ApplicationContext context) {
        AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
        assertThat(liveness(context)).isEqualTo(LivenessState.CORRECT);
    }

    private static LivenessState liveness(ApplicationContext context) {
        return context.getBean(ApplicationAvailability.class).getLivenessState();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT);
            }
            Thread.sleep(50);
        }
    }
}
