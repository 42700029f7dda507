package dev.parley.room;

import static dev.parley.room.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoomCreationTests extends RoomServiceIntegrationTest {

    @Test
    void creatingARoomAnswersTheContractRoomWithTheCreatorAsOwner() {
        User owner = newUser();
        Instant before = Instant.now().minusSeconds(1);

        Api.Response created = api.post("/api/rooms", owner.token(),
                Api.json(Map.of("name", "General", "topic", "Anything goes", "visibility", "public")));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.contentType()).startsWith("application/json");
        assertThat(UUID.fromString(created.text("id")).toString()).as("a UUID in its canonical form").isEqualTo(created.text("id"));
        assertThat(created.text("kind")).isEqualTo("group");
        assertThat(created.text("name")).isEqualTo("General");
        assertThat(created.text("topic")).isEqualTo("Anything goes");
        assertThat(created.text("visibility")).isEqualTo("public");
        assertThat(created.text("ownerId")).isEqualTo(owner.id().toString());
        assertThat(created.body().path("memberCount").asInt()).isEqualTo(1);
        assertThat(Instant.parse(created.text("createdAt"))).isAfter(before).isBefore(Instant.now().plusSeconds(1));
        assertThat(created.text("myRole")).isEqualTo("owner");
    }

    @Test
    void theCreatedRoomReadsBackTheSameWithoutATopic() {
        User owner = newUser();
        Api.Response created = api.post("/api/rooms", owner.token(),
                Api.json(Map.of("name", "Quiet", "visibility", "private")));

        Api.Response read = api.get("/api/rooms/" + created.text("id"), owner.token());

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(created.body());
        assertThat(read.body().has("topic")).isTrue();
        assertThat(read.body().path("topic").isNull()).isTrue();
    }

    @Test
    void aNameOfOneHundredEmojiIsOneHundredCharacters() {
        String name = "🙂".repeat(100);

        Api.Response created = api.post("/api/rooms", newUser().token(),
                Api.json(Map.of("name", name, "visibility", "public")));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("name")).isEqualTo(name);
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                arguments("{\"name\":\"  \",\"visibility\":\"public\"}", "name"),
                arguments("{\"visibility\":\"public\"}", "name"),
                arguments(Api.json(Map.of("name", "x".repeat(101), "visibility", "public")), "name"),
                arguments(Api.json(Map.of("name", "ok", "topic", "t".repeat(501), "visibility", "public")), "topic"),
                arguments("{\"name\":\"a\\u0000b\",\"visibility\":\"public\"}", "name"),
                arguments("{\"name\":\"ok\",\"topic\":\"a\\u0000b\",\"visibility\":\"public\"}", "topic"),
                arguments("{\"name\":\"ok\",\"visibility\":\"secret\"}", "visibility"),
                arguments("{\"name\":\"ok\"}", "visibility"),
                arguments("{\"name\":5,\"visibility\":\"public\"}", "name"),
                arguments("{\"name\":\"ok\",\"visibility\":true}", "visibility"),
                arguments("{\"name\":\"ok\",\"visibility\":", "body"),
                arguments("[]", "body"));
    }

    @ParameterizedTest
    @MethodSource("invalidBodies")
    void anInvalidBodyIsAValidationProblemNamingTheField(String body, String field) {
        Api.Response refused = api.post("/api/rooms", newUser().token(), body);

        assertProblem(refused, 400, "validation_failed");
        assertThat(refused.errorFields()).contains(field);
    }
}
