package dev.parley.room;

import static dev.parley.room.Api.assertProblem;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.parley.testing.TestTokens;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuthenticationTests extends RoomServiceIntegrationTest {

    static Stream<Arguments> badTokens() {
        TestTokens tokens = TestTokens.shared();
        return Stream.of(
                arguments("no token", (Function<UUID, String>) user -> null),
                arguments("expired", (Function<UUID, String>) tokens::expired),
                arguments("wrong audience", (Function<UUID, String>) tokens::wrongAudience),
                arguments("wrong issuer", (Function<UUID, String>) tokens::wrongIssuer),
                arguments("unknown key", (Function<UUID, String>) tokens::unknownKey),
                arguments("alg none", (Function<UUID, String>) tokens::unsigned),
                arguments("tampered", (Function<UUID, String>) tokens::tampered),
                arguments("not a JWT", (Function<UUID, String>) user -> "garbage"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void creatingARoomWithoutAValidTokenIsUnauthorized(String description, Function<UUID, String> token) {
        Api.Response refused = api.post("/api/rooms", token.apply(UUID.randomUUID()),
                Api.json(Map.of("name", "x", "visibility", "public")));

        assertUnauthorized(refused);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void listingRoomsWithoutAValidTokenIsUnauthorized(String description, Function<UUID, String> token) {
        assertUnauthorized(api.get("/api/rooms", token.apply(UUID.randomUUID())));
    }

    private static void assertUnauthorized(Api.Response refused) {
        assertProblem(refused, 401, "unauthorized");
    }
}
