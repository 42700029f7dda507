package dev.parley.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.infra.launcher.Component;
import dev.parley.infra.launcher.Platform;
import dev.parley.system.Client.Answer;
import dev.parley.system.Client.User;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Threads, reactions and mentions (contract §6) through the api-gateway, as two people use them: a reply
 * sent over WebSocket takes the room's next seq and updates its root live; a reaction made over HTTP is
 * pushed and counted; a mention reaches the mentioned user's connection that follows no room.
 */
class ConversationTests {

    private final Platform platform = RunningPlatform.get();
    private final Client client = new Client(platform.layout().port(Component.API_GATEWAY));

    @Test
    void aThreadAReactionAndAMentionReachEveryoneTheyShould() {
        User ada = client.newUser("ada");
        User bob = client.newUser("bob");
        Answer created = client.call("POST", "/api/rooms", "{\"name\":\"threads\",\"visibility\":\"public\"}", ada.token());
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        String room = created.body().path("id").asString();
        assertThat(client.call("POST", "/api/rooms/" + room + "/members", "{}", bob.token()).status()).isEqualTo(201);

        Client.Socket adaSocket = client.connect(ada.token());
        adaSocket.awaitType("ready");
        adaSocket.send("{\"type\":\"subscribe\",\"roomId\":\"" + room + "\"}");
        adaSocket.awaitType("subscribed");
        Client.Socket bobElsewhere = client.connect(bob.token());
        bobElsewhere.awaitType("ready");

        long root = send(adaSocket, room, "Lunch at noon?", null);
        // the mention resolves once message-service has bob's name (user events, a moment after he registered)
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        boolean mentioned = false;
        // a mention of any of them: one that took longer than a drain to arrive counts in the next
        Set<Long> sentWithMention = new HashSet<>();
        while (!mentioned && System.nanoTime() < deadline) {
            sentWithMention.add(send(adaSocket, room, "what do you think @" + bob.username() + "?", root));
            mentioned = bobElsewhere.drain(Duration.ofMillis(500)).stream()
                    .anyMatch(frame -> "mention".equals(frame.path("type").asString())
                            && sentWithMention.contains(frame.path("seq").asLong()));
        }
        assertThat(mentioned).as("bob's connection, subscribed to nothing, told of the mention").isTrue();
        JsonNode threadUpdated = adaSocket.await(frame -> "thread_updated".equals(frame.path("type").asString()),
                "thread_updated");
        assertThat(threadUpdated.path("seq").asLong()).isEqualTo(root);
        assertThat(threadUpdated.path("replyCount").asInt()).isPositive();

        String emoji = URLEncoder.encode("\uD83D\uDC4D", StandardCharsets.UTF_8);
        assertThat(client.call("PUT", "/api/rooms/" + room + "/messages/" + root + "/reactions/" + emoji, null,
                bob.token()).status()).isEqualTo(204);
        JsonNode reaction = adaSocket.await(frame -> "reaction".equals(frame.path("type").asString()), "reaction");
        assertThat(reaction.path("emoji").asString()).isEqualTo("\uD83D\uDC4D");
        assertThat(reaction.path("userId").asString()).isEqualTo(bob.id());
        assertThat(reaction.path("op").asString()).isEqualTo("added");

        JsonNode thread = client.call("GET", "/api/rooms/" + room + "/messages/" + root + "/thread", null, bob.token()).body();
        assertThat(thread.path("items").get(0).path("threadRoot").asLong()).isEqualTo(root);
        assertThat(thread.path("items").get(0).path("mentions").toString()).contains(bob.id());
        JsonNode rootNow = client.call("GET", "/api/rooms/" + room + "/messages?around=" + root + "&limit=1", null,
                bob.token()).body().path("items").get(0);
        assertThat(rootNow.path("replyCount").asInt()).isEqualTo(thread.path("items").size());
        assertThat(rootNow.path("reactions").get(0).path("count").asInt()).isEqualTo(1);
        assertThat(rootNow.path("reactions").get(0).path("me").asBoolean()).isTrue();
        JsonNode mentions = client.call("GET", "/api/me/mentions", null, bob.token()).body();
        assertThat(mentions.path("items").get(0).path("roomId").asString()).isEqualTo(room);
        JsonNode unread = client.call("GET", "/api/me/unread", null, bob.token()).body().path("items").get(0);
        assertThat(unread.path("mentions").asLong()).as("%s", unread).isPositive();

        assertThat(client.call("DELETE", "/api/rooms/" + room + "/messages/" + root + "/reactions/" + emoji, null,
                bob.token()).status()).isEqualTo(204);
        JsonNode removed = adaSocket.await(frame -> "reaction".equals(frame.path("type").asString())
                && "removed".equals(frame.path("op").asString()), "reaction removed");
        assertThat(removed.path("userId").asString()).isEqualTo(bob.id());
        Client.assertProblem(client.call("PUT", "/api/rooms/" + room + "/messages/" + root + "/reactions/nope", null,
                bob.token()), 400, "validation_failed");
        adaSocket.close();
        bobElsewhere.close();
    }

    /** Sends and waits for the ack; its seq. */
    private static long send(Client.Socket socket, String roomId, String body, Long threadRoot) {
        String clientMsgId = UUID.randomUUID().toString();
        socket.send("{\"type\":\"send\",\"roomId\":\"" + roomId + "\",\"clientMsgId\":\"" + clientMsgId
                + "\",\"body\":\"" + body + "\"" + (threadRoot == null ? "" : ",\"threadRoot\":" + threadRoot) + "}");
        JsonNode answer = socket.await(frame -> "ack".equals(frame.path("type").asString())
                && clientMsgId.equals(frame.path("clientMsgId").asString())
                || "error".equals(frame.path("type").asString()), "ack");
        assertThat(answer.path("type").asString()).as("%s", answer).isEqualTo("ack");
        return answer.path("seq").asLong();
    }
}
