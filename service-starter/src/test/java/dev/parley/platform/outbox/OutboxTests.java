package dev.parley.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.events.EventCodec;
import dev.parley.events.ParleyEvent;
import dev.parley.events.Topic;
import dev.parley.events.user.UserRegistered;
import dev.parley.events.user.UserUpdated;
import dev.parley.infra.Infrastructure;
import dev.parley.testing.ServiceTestEnvironment;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest(classes = OutboxTests.OutboxApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
                "spring.kafka.producer.key-serializer=org.apache.kafka.common.serialization.StringSerializer",
                "spring.kafka.producer.value-serializer=org.apache.kafka.common.serialization.ByteArraySerializer",
                "spring.kafka.producer.acks=all",
                "spring.kafka.producer.properties.linger.ms=0",
                "spring.kafka.producer.properties.max.block.ms=3000",
                "spring.kafka.producer.properties.request.timeout.ms=3000",
                "spring.kafka.producer.properties.delivery.timeout.ms=5000",
                "parley.outbox.send-timeout=6s"})
class OutboxTests {

    private static final String TOPIC = Topic.USER_EVENTS.topicName();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    private EventOutbox outbox;

    @Autowired
    private TransactionTemplate transactions;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private Tracer tracer;

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestEnvironment.register(registry, "outbox");
    }

    @Test
    void committedEventsArePublishedInAppendOrderWithKeyHeadersAndPayload() {
        UUID user = UUID.randomUUID();
        var registered = new UserRegistered(user, "ada", "Ada", now());
        var renamed = new UserUpdated(user, "ada", "Ada L.", now());
        var renamedAgain = new UserUpdated(user, "ada", "Countess", now());
        List<String> eventIds = new ArrayList<>();

        List<Long> ids = new ArrayList<>(transactions.execute(status ->
                List.of(append(registered, eventIds), append(renamed, eventIds))));
        ids.add(transactions.execute(status -> append(renamedAgain, eventIds)));

        assertThat(outbox.awaitPublished(ids, WAIT)).isTrue();
        List<TopicReader.Received> received = reader().recordsOf(TOPIC, user.toString(), 3, WAIT);
        EventCodec codec = new EventCodec();
        assertThat(received).extracting(TopicReader.Received::eventType)
                .containsExactly("UserRegistered", "UserUpdated", "UserUpdated");
        assertThat(received).extracting(TopicReader.Received::eventId).containsExactlyElementsOf(eventIds);
        assertThat(received).extracting(TopicReader.Received::schemaVersion).containsOnly("1");
        assertThat(received).extracting(TopicReader.Received::payload).containsExactly(
                new String(codec.encode(registered)), new String(codec.encode(renamed)),
                new String(codec.encode(renamedAgain)));
        assertThat(pending(ids)).isZero();
    }

    @Test
    void aPublishedEventContinuesTheTraceItWasAppendedIn() {
        UUID user = UUID.randomUUID();
        Span change = tracer.nextSpan().name("PATCH /api/users/me").start();
        long id;
        try (Tracer.SpanInScope scope = tracer.withSpan(change)) {
            id = transactions.execute(status ->
                    outbox.append(Topic.USER_EVENTS, new UserUpdated(user, "traced", "Traced", now())));
        } finally {
            change.end();
        }
        long untraced = transactions.execute(status ->
                outbox.append(Topic.USER_EVENTS, new UserUpdated(user, "traced", "Untraced", now())));

        assertThat(outbox.awaitPublished(List.of(id, untraced), WAIT)).isTrue();
        List<TopicReader.Received> received = reader().recordsOf(TOPIC, user.toString(), 2, WAIT);
        assertThat(received).hasSize(2);
        assertThat(received.get(0).traceparent()).as("the appending span's trace, through the relay's producer span")
                .startsWith("00-" + change.context().traceId() + "-")
                .doesNotContain(change.context().spanId());
        assertThat(received.get(1).traceparent()).as("appended outside any span: a trace of its own")
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]")
                .doesNotContain(change.context().traceId());
    }

    @Test
    void theEventsOfARolledBackTransactionAreNeverPublished() {
        UUID user = UUID.randomUUID();
        transactions.executeWithoutResult(status -> {
            outbox.append(Topic.USER_EVENTS, new UserRegistered(user, "rolled-back", "Ghost", now()));
            status.setRollbackOnly();
        });
        long committed = transactions.execute(status ->
                outbox.append(Topic.USER_EVENTS, new UserRegistered(user, "committed", "Real", now())));

        assertThat(outbox.awaitPublished(List.of(committed), WAIT)).isTrue();
        // Same key, same partition: a published rolled-back event would come before the committed one.
        List<TopicReader.Received> received = reader().recordsOf(TOPIC, user.toString(), 2, Duration.ofSeconds(2));
        assertThat(received).singleElement().satisfies(record -> assertThat(record.payload()).contains("committed"));
    }

    @Test
    void appendingOutsideATransactionOrWaitingInsideOneIsRefused() {
        var event = new UserRegistered(UUID.randomUUID(), "loose", "Loose", now());

        assertThatThrownBy(() -> outbox.append(Topic.USER_EVENTS, event)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> transactions.executeWithoutResult(status ->
                outbox.awaitPublished(List.of(outbox.append(Topic.USER_EVENTS, event)), WAIT)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nothingIsPublishedWhileAnotherInstanceHoldsTheRelayLock() throws Exception {
        UUID user = UUID.randomUUID();
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> otherInstance = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", OutboxBatchPublisher.RELAY_LOCK).query().listOfRows();
            locked.countDown();
            await(release);
        }));
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
        List<Long> ids;
        try {
            long id = transactions.execute(status ->
                    outbox.append(Topic.USER_EVENTS, new UserRegistered(user, "queued", "Queued", now())));
            ids = List.of(id);

            assertThat(outbox.awaitPublished(ids, Duration.ofMillis(500))).isFalse();
            assertThat(pending(ids)).isOne();
        } finally {
            release.countDown();
            otherInstance.get(10, TimeUnit.SECONDS);
        }

        assertThat(outbox.awaitPublished(ids, WAIT)).isTrue();
        assertThat(reader().recordsOf(TOPIC, user.toString(), 1, WAIT)).hasSize(1);
    }

    @Test
    void eventsCommittedDuringAKafkaOutageArePublishedInOrderWhenTheBrokerIsBack() {
        UUID user = UUID.randomUUID();
        List<Long> ids = new ArrayList<>();
        List<String> eventIds = new ArrayList<>();
        Infrastructure.shared().kafka().stop();
        try {
            for (int i = 0; i < 3; i++) {
                var event = new UserUpdated(user, "outage", "Name " + i, now());
                ids.add(transactions.execute(status -> append(event, eventIds)));
            }

            assertThat(outbox.awaitPublished(ids, Duration.ofSeconds(1))).isFalse();
            assertThat(pending(ids)).isEqualTo(3);
            assertThat(backlogGauge()).as("parley.outbox.pending during the outage").isGreaterThanOrEqualTo(3);
            assertThat(oldestAgeGauge()).as("parley.outbox.oldest.age during the outage, in seconds")
                    .isGreaterThanOrEqualTo(1.0);
        } finally {
            Infrastructure.shared().kafka().restart();
        }

        assertThat(outbox.awaitPublished(ids, Duration.ofSeconds(60))).isTrue();
        assertThat(backlogGauge()).as("parley.outbox.pending once the broker is back").isZero();
        assertThat(oldestAgeGauge()).as("parley.outbox.oldest.age once the broker is back").isZero();
        List<String> received = reader().recordsOf(TOPIC, user.toString(), 3, WAIT).stream()
                .map(TopicReader.Received::eventId).distinct().toList();
        assertThat(received).containsExactlyElementsOf(eventIds);
    }

    /** Appends in the current transaction and notes the event id (the relay may delete the row right after the commit). */
    private long append(ParleyEvent event, List<String> eventIds) {
        long id = outbox.append(Topic.USER_EVENTS, event);
        eventIds.addAll(eventIdsOf(List.of(id)));
        return id;
    }

    private List<String> eventIdsOf(List<Long> ids) {
        return jdbc.sql("select event_id from event_outbox where id in (:ids) order by id")
                .param("ids", ids).query(String.class).list();
    }

    private int pending(List<Long> ids) {
        return jdbc.sql("select count(*) from event_outbox where id in (:ids)")
                .param("ids", ids).query(Integer.class).single();
    }

    private double backlogGauge() {
        return meters.get("parley.outbox.pending").gauge().value();
    }

    private double oldestAgeGauge() {
        return meters.get("parley.outbox.oldest.age").timeGauge().value(TimeUnit.SECONDS);
    }

    private TopicReader reader() {
        return new TopicReader(bootstrapServers);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A service with a database and a Kafka producer, and the outbox table its migration would create. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class OutboxApplication {

        @Bean
        OutboxTable outboxTable(JdbcClient jdbc) {
            jdbc.sql("""
                    create table if not exists event_outbox (
                        id         bigint generated always as identity primary key,
                        topic      text        not null,
                        record_key text        not null,
                        event_type text        not null,
                        event_id   uuid        not null unique,
                        payload    bytea       not null,
                        created_at timestamptz not null default now(),
                        traceparent text
                    )""").update();
            return new OutboxTable();
        }

        record OutboxTable() {
        }
    }
}
