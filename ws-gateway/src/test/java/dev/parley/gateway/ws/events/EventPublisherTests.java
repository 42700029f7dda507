package dev.parley.gateway.ws.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.Topic;
import dev.parley.events.signal.Typing;
import dev.parley.gateway.ws.support.GatewayIntegrationTest;
import dev.parley.infra.FreePorts;
import dev.parley.infra.KafkaBroker;
import dev.parley.platform.kafka.EventRecords;
import dev.parley.platform.kafka.RecordTraces;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * An event loop hands a send to the producer only when {@code send()} cannot wait (ADR 0024): the producer must
 * know the topic's partitions, which an acknowledgement from the broker shows, topic by topic.
 */
class EventPublisherTests extends GatewayIntegrationTest {

    /** How long a worker's publish waits for the producer here. */
    private static final Duration WORKER_WAIT = Duration.ofSeconds(3);

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventRecords records;

    @Autowired
    RecordTraces traces;

    @Test
    void aTopicIsTakenWithoutWaitingOnlyOnceTheBrokerAcknowledgedOneOfItsRecords() throws Exception {
        EventPublisher publisher = new EventPublisher(kafka, records, traces, new PublishProperties(Duration.ofSeconds(5)));
        assertThat(publisher.publishesWithoutWaiting(Topic.SIGNALS)).as("nothing acknowledged yet").isFalse();

        publisher.publish(Topic.SIGNALS, new Typing(UUID.randomUUID(), UUID.randomUUID(), "gw-test", "session-1",
                Instant.now())).get(10, TimeUnit.SECONDS);

        assertThat(publisher.publishesWithoutWaiting(Topic.SIGNALS)).isTrue();
        assertThat(publisher.publishesWithoutWaiting(Topic.MESSAGE_COMMANDS)).as("another topic").isFalse();
    }

    /**
     * A broker that goes away makes the producer bootstrap again, and it forgets every topic's partitions: a
     * {@code send()} that waited for them would hold an event loop, and every connection on it, for
     * {@code max.block.ms} (seen in stop 53 with Kafka frozen: new connections answered 503, ws-gateway not taking
     * them). Its own broker, stopped and started again, so that the other tests' broker stays up.
     */
    @Test
    void theEventLoopsNeverWaitForTheProducerWhenTheBrokerGoesAwayAndWorkersWaitForItsReturn() throws Exception {
        int[] ports = FreePorts.distinct(2);
        try (KafkaBroker broker = KafkaBroker.start(ports[0], ports[1], null)) {
            Map<String, Object> config = new HashMap<>(kafka.getProducerFactory().getConfigurationProperties());
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            DefaultKafkaProducerFactory<String, byte[]> producers = new DefaultKafkaProducerFactory<>(config);
            try {
                EventPublisher publisher = new EventPublisher(new KafkaTemplate<>(producers), records, traces,
                        new PublishProperties(WORKER_WAIT));
                publisher.publish(Topic.SIGNALS, typing()).get(30, TimeUnit.SECONDS);
                assertThat(publisher.publishesWithoutWaiting(Topic.SIGNALS)).isTrue();

                broker.stop();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                long slowest = 0;
                while (publisher.publishesWithoutWaiting(Topic.SIGNALS)) {
                    assertThat(System.nanoTime()).as("the producer forgot the partitions in time").isLessThan(deadline);
                    slowest = Math.max(slowest, nanosOf(() -> publisher.publishWithoutWaiting(Topic.SIGNALS, typing())));
                    Thread.sleep(20);
                }
                var refused = new AtomicReference<CompletableFuture<?>>();
                slowest = Math.max(slowest, nanosOf(() -> refused.set(publisher.publishWithoutWaiting(Topic.SIGNALS,
                        typing()))));
                // The producer refused it itself, without waiting for the partitions (max.block.ms 0) ...
                assertThat(refused.get()).as("refused at once, the partitions unknown").isCompletedExceptionally();
                assertThat(refused.get().exceptionNow()).hasRootCauseInstanceOf(TimeoutException.class)
                        .rootCause().hasMessageContaining("after 0 ms");
                // ... and no publish of an event loop waited as a worker's does: a sanity bound far below that wait
                assertThat(Duration.ofNanos(slowest)).as("the longest an event loop's publish took")
                        .isLessThan(WORKER_WAIT.dividedBy(3));

                var waited = new AtomicReference<CompletableFuture<?>>();
                long waiting = nanosOf(() -> waited.set(publisher.publish(Topic.SIGNALS, typing())));
                assertThat(Duration.ofNanos(waiting)).as("a worker waits for the broker").isGreaterThan(
                        WORKER_WAIT.minusMillis(100));
                assertThat(waited.get()).as("and fails after its wait").isCompletedExceptionally();

                broker.restart();
                publisher.publish(Topic.SIGNALS, typing()).get(30, TimeUnit.SECONDS);
                assertThat(publisher.publishesWithoutWaiting(Topic.SIGNALS)).isTrue();
            } finally {
                producers.destroy();
            }
        }
    }

    private static Typing typing() {
        return new Typing(UUID.randomUUID(), UUID.randomUUID(), "gw-test", "session-1", Instant.now());
    }

    private static long nanosOf(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return System.nanoTime() - start;
    }
}
