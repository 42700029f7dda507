package dev.parley.room;

import static dev.parley.room.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class RoomVisibilityTests extends RoomServiceIntegrationTest {

    @Test
    void aPrivateRoomDoesNotExistForANonMember() {
        UUID room = createRoom(newUser(), "Secret", "private");

        Api.Response answer = api.get("/api/rooms/" + room, newUser().token());

        assertProblem(answer, 404, "room_not_found");
    }

    @Test
    void aPublicRoomIsVisibleToANonMemberWithoutARole() {
        UUID room = createRoom(newUser(), "Lobby", "public");

        Api.Response answer = api.get("/api/rooms/" + room, newUser().token());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text("id")).isEqualTo(room.toString());
        assertThat(answer.body().has("myRole")).isFalse();
    }

    @Test
    void anUnknownRoomIsNotFound() {
        Api.Response answer = api.get("/api/rooms/" + UUID.randomUUID(), newUser().token());

        assertProblem(answer, 404, "room_not_found");
    }

    @Test
    void aMalformedRoomIdIsAValidationProblem() {
        Api.Response answer = api.get("/api/rooms/not-a-uuid", newUser().token());

        assertProblem(answer, 400, "validation_failed");
        assertThat(answer.errorFields()).containsExactly("id");
    }

    @Test
    void aMemberAddedToAPrivateRoomSeesItWithTheirRole() {
        User owner = newUser();
        User guest = newUser();
        UUID room = createRoom(owner, "Team", "private");

        Api.Response added = api.post("/api/rooms/" + room + "/members", owner.token(),
                "{\"userId\":\"" + guest.id() + "\"}");
        Api.Response answer = api.get("/api/rooms/" + room, guest.token());

        assertThat(added.status()).isEqualTo(201);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text("myRole")).isEqualTo("member");
        assertThat(answer.body().path("memberCount").asInt()).isEqualTo(2);
    }
}
