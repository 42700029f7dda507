package dev.parley.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.infra.launcher.Component;
import dev.parley.infra.launcher.Platform;
import dev.parley.system.Client.Answer;
import dev.parley.system.Client.Socket;
import dev.parley.system.Client.User;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Membership across services, end to end through the api-gateway: room-service decides,
 * message-service and ws-gateway follow through Kafka without a call per message.
 */
class MembershipTests {

    private final Platform platform = RunningPlatform.get();
    private final Client client = new Client(platform.layout().port(Component.API_GATEWAY));

    @Test
    void aUserWhoHasJustJoinedCanSubscribeAndSendAtOnce() {
        User owner = client.newUser("owner");
        User joiner = client.newUser("joiner");
        Socket socket = connect(joiner);
        for (int round = 0; round < 5; round++) {
            String roomId = createRoom(owner, "public");
            assertThat(client.call("POST", "/api/rooms/" + roomId + "/members", "{}", joiner.token()).status()).isEqualTo(201);
            socket.send("{\"type\":\"subscribe\",\"roomId\":\"" + roomId + "\"}");
            socket.await(frame -> "subscribed".equals(frame.path("type").asString())
                    && roomId.equals(frame.path("roomId").asString()), "subscribed");
            socket.send("{\"type\":\"send\",\"roomId\":\"" + roomId + "\",\"clientMsgId\":\"r" + round + "\",\"body\":\"hi\"}");
            JsonNode answer = socket.await(frame -> roomId.equals(frame.path("roomId").asString())
                    && ("ack".equals(frame.path("type").asString()) || "error".equals(frame.path("type").asString())), "ack");
            assertThat(answer.path("type").asString()).as("round %d: %s", round, answer).isEqualTo("ack");
            assertThat(answer.path("seq").asLong()).isEqualTo(1);
        }
        socket.close();
    }

    @Test
    void aKickedMemberGetsMemberLeftAndNothingMoreFromThatRoom() {
        User owner = client.newUser("owner");
        User member = client.newUser("kicked");
        String roomId = createRoom(owner, "private");
        assertThat(client.call("POST", "/api/rooms/" + roomId + "/members",
                "{\"userId\":\"" + member.id() + "\"}", owner.token()).status()).isEqualTo(201);

        Socket ownerSocket = connect(owner);
        Socket memberSocket = connect(member);
        subscribe(ownerSocket, roomId);
        subscribe(memberSocket, roomId);

        // contract §3 promises member_left and nothing more from the room, in no given time
        assertThat(client.call("DELETE", "/api/rooms/" + roomId + "/members/" + member.id(), null, owner.token()).status())
                .isEqualTo(204);
        JsonNode left = memberSocket.awaitType("member_left");
        assertThat(left.path("userId").asString()).isEqualTo(member.id());
        assertThat(left.path("reason").asString()).isEqualTo("kicked");

        ownerSocket.send("{\"type\":\"send\",\"roomId\":\"" + roomId + "\",\"clientMsgId\":\"after-kick\",\"body\":\"secret\"}");
        ownerSocket.awaitType("ack");
        List<JsonNode> seen = memberSocket.drain(Duration.ofSeconds(1));
        assertThat(seen).noneMatch(frame -> "message".equals(frame.path("type").asString()));
        // a private room does not exist for a non-member
        Client.assertProblem(client.call("GET", "/api/rooms/" + roomId + "/messages", null, member.token()), 404,
                "room_not_found");
        ownerSocket.close();
        memberSocket.close();
    }

    @Test
    void aDirectRoomIsOnePerPairAndBothCanTalk() {
        User ada = client.newUser("ada");
        User grace = client.newUser("grace");
        Answer opened = client.call("POST", "/api/rooms/direct", "{\"userId\":\"" + grace.id() + "\"}", ada.token());
        assertThat(opened.status()).as("%s", opened.body()).isEqualTo(201);
        assertThat(opened.body().path("kind").asString()).isEqualTo("direct");
        Answer again = client.call("POST", "/api/rooms/direct", "{\"userId\":\"" + ada.id() + "\"}", grace.token());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("id").asString()).isEqualTo(opened.body().path("id").asString());
    }

    @Test
    void presenceShowsAConnectedMemberThroughTheApiGateway() {
        User owner = client.newUser("present");
        String roomId = createRoom(owner, "public");
        Socket socket = connect(owner);
        subscribe(socket, roomId);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Answer presence = null;
        while (System.nanoTime() < deadline) {
            presence = client.call("GET", "/api/rooms/" + roomId + "/presence", null, owner.token());
            if (presence.status() == 200 && presence.body().path("online").toString().contains(owner.id())) {
                break;
            }
        }
        assertThat(presence.status()).isEqualTo(200);
        assertThat(presence.body().path("online").toString()).contains(owner.id());
        socket.close();
    }

    private String createRoom(User owner, String visibility) {
        Answer room = client.call("POST", "/api/rooms",
                "{\"name\":\"room\",\"visibility\":\"" + visibility + "\"}", owner.token());
        assertThat(room.status()).isEqualTo(201);
        return room.body().path("id").asString();
    }

    private Socket connect(User user) {
        Socket socket = client.connect(user.token());
        socket.awaitType("ready");
        return socket;
    }

    private static void subscribe(Socket socket, String roomId) {
        socket.send("{\"type\":\"subscribe\",\"roomId\":\"" + roomId + "\"}");
        JsonNode subscribed = socket.await(frame -> roomId.equals(frame.path("roomId").asString())
                && ("subscribed".equals(frame.path("type").asString()) || "error".equals(frame.path("type").asString())),
                "subscribed");
        assertThat(subscribed.path("type").asString()).as("%s", subscribed).isEqualTo("subscribed");
    }
}
