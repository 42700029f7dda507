package dev.parley.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.EventCodec;
import dev.parley.events.Topic;
import dev.parley.events.user.UserRegistered;
import dev.parley.infra.Infrastructure;
import dev.parley.platform.kafka.EventRecords;
import dev.parley.testing.ServiceTestEnvironment;
import dev.parley.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration test classes: the whole service on a random port against the real Kafka,
 * PostgreSQL and token issuer. Every subclass shares this one configuration, hence one cached context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class RoomServiceIntegrationTest {

    private static final EventCodec CODEC = new EventCodec();
    private static KafkaProducer<String, byte[]> authService;

    @LocalServerPort
    private int port;

    protected Api api;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestEnvironment.register(registry, "rooms");
    }

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    /**
     * A fresh user with a valid access token, announced on parley.user-events.v1 the way auth-service
     * does (UserRegistered, keyed by user id), so that room-service's user directory knows them.
     */
    protected static User newUser() {
        UUID id = UUID.randomUUID();
        String username = "user-" + id.toString().substring(0, 8);
        publishUserEvent(new UserRegistered(id, username, username, Instant.now()));
        return new User(id, username, TestTokens.shared().accessToken(id, username));
    }

    /** A user with a valid token whom auth-service never announced. */
    protected static User unannouncedUser() {
        UUID id = UUID.randomUUID();
        String username = "ghost-" + id.toString().substring(0, 8);
        return new User(id, username, TestTokens.shared().accessToken(id, username));
    }

    protected static void publishUserEvent(UserRegistered event) {
        publishUserEvent(event.userId(), EventCodec.eventType(event), CODEC.encode(event));
    }

    /** Any value under any type: what a broken or newer producer might put on the topic. */
    protected static void publishUserEvent(UUID userId, String eventType, String json) {
        publishUserEvent(userId, eventType, json.getBytes(StandardCharsets.UTF_8));
    }

    private static void publishUserEvent(UUID userId, String eventType, byte[] value) {
        var record = EventRecords.record(Topic.USER_EVENTS.topicName(), userId.toString(), eventType, UUID.randomUUID(),
                value);
        try {
            authService().send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized KafkaProducer<String, byte[]> authService() {
        if (authService == null) {
            authService = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                    ProducerConfig.LINGER_MS_CONFIG, 0,
                    ProducerConfig.ACKS_CONFIG, "all"));
        }
        return authService;
    }

    /** Creates a room as {@code owner} and returns its id. */
    protected UUID createRoom(User owner, String name, String visibility) {
        Api.Response created = api.post("/api/rooms", owner.token(),
                Api.json(Map.of("name", name, "visibility", visibility)));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return UUID.fromString(created.text("id"));
    }

    /** {@code adder} (owner or admin) adds {@code user} as a member. */
    protected void addMember(UUID room, User adder, User user) {
        Api.Response added = api.post(members(room), adder.token(), Api.json(Map.of("userId", user.id())));
        assertThat(added.status()).as(added.raw()).isEqualTo(201);
    }

    protected void setRole(UUID room, User owner, User member, String role) {
        Api.Response changed = api.put(members(room) + "/" + member.id() + "/role", owner.token(),
                Api.json(Map.of("role", role)));
        assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
    }

    protected void ban(UUID room, User banner, User user) {
        Api.Response banned = api.post("/api/rooms/" + room + "/bans", banner.token(), Api.json(Map.of("userId", user.id())));
        assertThat(banned.status()).as(banned.raw()).isEqualTo(204);
    }

    protected int memberCount(UUID room, User reader) {
        return api.get("/api/rooms/" + room, reader.token()).body().path("memberCount").asInt();
    }

    protected static String members(UUID room) {
        return "/api/rooms/" + room + "/members";
    }

    /** A cursor in the page cursors' encoding whose time this service never issued: any {@code Instant.parse} text. */
    protected static String cursorAt(String instant) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((instant + "_" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
    }

    protected record User(UUID id, String username, String token) {
    }
}
