package dev.parley.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.infra.launcher.Component;
import dev.parley.infra.launcher.Platform;
import dev.parley.system.Client.Answer;
import dev.parley.system.Client.User;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Message search (contract §6) through the api-gateway: a message sent over WebSocket is found over HTTP by
 * its words in any case and without accents, highlighted, and only by those who can read its room.
 */
class SearchTests {

    private final Platform platform = RunningPlatform.get();
    private final Client client = new Client(platform.layout().port(Component.API_GATEWAY));

    @Test
    void aSentMessageIsFoundByItsWordsOnlyByThoseWhoCanReadItsRoom() {
        User author = client.newUser("author");
        User stranger = client.newUser("stranger");
        String word = "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String secretRoom = createRoom(author, "private");
        String openRoom = createRoom(author, "public");
        Client.Socket socket = client.connect(author.token());
        socket.awaitType("ready");
        send(socket, secretRoom, "Rendez-vous au Café " + word);
        send(socket, openRoom, "Le café est fermé " + word);
        socket.close();

        JsonNode found = search(author, "cafe " + word);
        assertThat(bodies(found)).containsExactly("Le café est fermé " + word, "Rendez-vous au Café " + word);
        assertThat(found.path("items").get(1).path("highlight").asString())
                .isEqualTo("Rendez-vous au \u0002Café\u0003 \u0002" + word + "\u0003");
        assertThat(bodies(search(stranger, "CAFE " + word))).as("a private room does not exist for a stranger")
                .containsExactly("Le café est fermé " + word);
        Client.assertProblem(client.call("GET", "/api/search/messages?q=" + word + "&roomId=" + secretRoom, null,
                stranger.token()), 404, "room_not_found");
        Client.assertProblem(client.call("GET", "/api/search/messages?q=" + word, null, null), 401, "unauthorized");
    }

    private String createRoom(User owner, String visibility) {
        Answer created = client.call("POST", "/api/rooms",
                "{\"name\":\"search\",\"visibility\":\"" + visibility + "\"}", owner.token());
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        return created.body().path("id").asString();
    }

    private static void send(Client.Socket socket, String roomId, String body) {
        String clientMsgId = UUID.randomUUID().toString();
        socket.send("{\"type\":\"send\",\"roomId\":\"" + roomId + "\",\"clientMsgId\":\"" + clientMsgId
                + "\",\"body\":\"" + body + "\"}");
        JsonNode answer = socket.await(frame -> clientMsgId.equals(frame.path("clientMsgId").asString())
                || "error".equals(frame.path("type").asString()), "ack");
        assertThat(answer.path("type").asString()).as("%s", answer).isEqualTo("ack");
    }

    private JsonNode search(User caller, String q) {
        Answer answer = client.call("GET", "/api/search/messages?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8),
                null, caller.token());
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        return answer.body();
    }

    private static List<String> bodies(JsonNode page) {
        List<String> bodies = new ArrayList<>();
        page.path("items").forEach(item -> bodies.add(item.path("body").asString()));
        return bodies;
    }
}
