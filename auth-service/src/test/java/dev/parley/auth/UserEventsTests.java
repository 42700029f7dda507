package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.EventCodec;
import dev.parley.events.EventHeaders;
import dev.parley.events.Topic;
import dev.parley.events.user.UserEvent;
import dev.parley.events.user.UserRegistered;
import dev.parley.events.user.UserUpdated;
import dev.parley.infra.Infrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** UserRegistered and UserUpdated reach parley.user-events.v1 iff the change commits, Kafka outage or not. */
class UserEventsTests extends AuthIntegrationTest {

    private final EventCodec codec = new EventCodec();

    record Published(UserEvent event, String eventId, String traceparent) {
    }

    @Test
    void registrationAndRenamePublishTheirEventsInOrder() {
        String username = unique("evelyn");
        String userId = register(username, "events-pass").body().path("id").asString();
        String token = login(username, "events-pass").body().path("accessToken").asString();
        send("PATCH", "/api/users/me", "{\"displayName\":\"Evelyn\"}", token);

        List<Published> events = awaitEvents(userId, 2);
        assertThat(events.get(0).event()).isInstanceOfSatisfying(UserRegistered.class, registered -> {
            assertThat(registered.username()).isEqualTo(username);
            assertThat(registered.displayName()).isEqualTo(username);
        });
        assertThat(events.get(1).event()).isInstanceOfSatisfying(UserUpdated.class,
                updated -> assertThat(updated.displayName()).isEqualTo("Evelyn"));
        assertThat(events.get(0).eventId()).isNotEqualTo(events.get(1).eventId());
        assertThat(events).allSatisfy(published -> assertThat(published.traceparent())
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]"));
    }

    /** The topic is kept forever and replayed by every consumer: a PATCH that changes nothing adds nothing to it. */
    @Test
    void aRenameThatChangesNothingPublishesNothing() {
        String username = unique("ida");
        String userId = register(username, "events-pass").body().path("id").asString();
        String token = login(username, "events-pass").body().path("accessToken").asString();

        Answer unchanged = rename("{\"displayName\":\"%s\"}".formatted(username), token); // the default name
        assertThat(unchanged.status()).isEqualTo(200);
        assertThat(unchanged.body().path("displayName").asString()).isEqualTo(username);
        rename("{\"displayName\":\"Ida\"}", token);
        Answer repeated = rename("{\"displayName\":\"Ida\"}", token);
        assertThat(repeated.status()).isEqualTo(200);
        assertThat(repeated.body().path("displayName").asString()).isEqualTo("Ida");
        rename("{\"displayName\":\"Ida L.\"}", token);

        assertThat(awaitEvents(userId, 3)).extracting(published -> switch (published.event()) {
            case UserRegistered registered -> "registered " + registered.displayName();
            case UserUpdated updated -> "updated " + updated.displayName();
        }).containsExactly("registered " + username, "updated Ida", "updated Ida L.");
    }

    @Test
    void aRejectedRegistrationPublishesNothing() {
        String username = unique("dup");
        String userId = register(username, "events-pass").body().path("id").asString();
        assertProblem(register(username.toUpperCase(), "events-pass"), 409, "username_taken");
        assertThat(awaitEvents(userId, 1)).hasSize(1);
        assertThat(eventsOf(userId)).hasSize(1);
    }

    @Test
    void aRegistrationWhileKafkaIsDownIsPublishedExactlyOnceWhenItIsBack() {
        String username = unique("outage");
        String userId;
        Infrastructure.shared().kafka().stop();
        try {
            Answer registered = register(username, "outage-pass");
            assertThat(registered.status()).as("registration does not wait for Kafka").isEqualTo(201);
            userId = registered.body().path("id").asString();
        } finally {
            Infrastructure.shared().kafka().restart();
        }
        List<Published> events = awaitEvents(userId, 1);
        assertThat(events.getFirst().event()).isInstanceOf(UserRegistered.class);
        assertThat(eventsOf(userId)).as("exactly once").hasSize(1);
    }

    private Answer rename(String body, String token) {
        return send("PATCH", "/api/users/me", body, token);
    }

    private List<Published> awaitEvents(String userId, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Published> events = List.of();
        while (System.nanoTime() < deadline) {
            events = eventsOf(userId);
            if (events.size() >= count) {
                return events;
            }
        }
        throw new AssertionError("expected " + count + " events of user " + userId + ", got " + events);
    }

    /**
     * Every event of the user on the topic now, read from the beginning up to its current end however long that takes
     * (read for a fixed second or two, a slow machine could return fewer than were there).
     */
    private List<Published> eventsOf(String userId) {
        List<Published> events = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topic.USER_EVENTS.topicName()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("the user events read up to %s", end).isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (userId.equals(record.key())) {
                        events.add(new Published(
                                codec.decode(header(record, EventHeaders.EVENT_TYPE), record.value(), UserEvent.class),
                                header(record, EventHeaders.EVENT_ID), header(record, EventHeaders.TRACEPARENT)));
                    }
                }
            }
        }
        return events;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
