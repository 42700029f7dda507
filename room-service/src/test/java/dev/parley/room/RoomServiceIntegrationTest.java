package dev.parley.room;

import dev.parley.testing.ServiceTestEnvironment;
import dev.parley.testing.TestTokens;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the integration test classes: the whole service on a random port against the real Kafka,
 * PostgreSQL and token issuer. Every subclass shares this one configuration, hence one cached context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class RoomServiceIntegrationTest {

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

    /** A fresh user with a valid access token. */
    protected static User newUser() {
        UUID id = UUID.randomUUID();
        return new User(id, TestTokens.shared().accessToken(id, "user-" + id.toString().substring(0, 8)));
    }

    /** Creates a room as {@code owner} and returns its id. */
    protected UUID createRoom(User owner, String name, String visibility) {
        Api.Response created = api.post("/api/rooms", owner.token(),
                Api.json(Map.of("name", name, "visibility", visibility)));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return UUID.fromString(created.text("id"));
    }

    protected record User(UUID id, String token) {
    }
}
