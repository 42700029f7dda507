package dev.parley.message.readmarkers;

import static dev.parley.testing.ProblemAssert.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.parley.events.Topic;
import dev.parley.events.message.MarkRead;
import dev.parley.events.message.MessageEvent;
import dev.parley.events.message.MessageRejected;
import dev.parley.events.message.ReadMarkerMoved;
import dev.parley.message.IntegrationTestSupport;
import dev.parley.message.TestKafka;
import dev.parley.platform.kafka.ConsumerGroupCatchUp;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Read markers only move forward and never past the last message; unread counts follow from them. */
class ReadMarkerTests extends IntegrationTestSupport {

    @Autowired
    ConsumerGroupCatchUp roomEvents;

    @Autowired
    MockMvc mvc;

    private final UUID roomId = UUID.randomUUID();
    private final UUID owner = UUID.randomUUID();
    private final UUID reader = UUID.randomUUID();

    @BeforeEach
    void aRoomWithFiveMessages() {
        kafka.createRoom(roomId, "public", owner);
        kafka.join(roomId, reader);
        IntStream.rangeClosed(1, 5).forEach(i -> kafka.send(roomId, owner, "c-" + i, "message " + i));
        kafka.awaitEvents(roomId, 5);
    }

    @Test
    void aMarkerMovesForwardIgnoresMovesBackAndIsClampedToTheLastSeq() throws Exception {
        markRead(reader, "{\"seq\":3}").andExpect(status().isNoContent());
        unreadOf(reader).andExpect(jsonPath("$.items[0].readSeq").value(3))
                .andExpect(jsonPath("$.items[0].lastSeq").value(5))
                .andExpect(jsonPath("$.items[0].unread").value(2));

        markRead(reader, "{\"seq\":2}").andExpect(status().isNoContent());
        unreadOf(reader).andExpect(jsonPath("$.items[0].readSeq").value(3));

        markRead(reader, "{\"seq\":1000}").andExpect(status().isNoContent());
        unreadOf(reader).andExpect(jsonPath("$.items[0].readSeq").value(5))
                .andExpect(jsonPath("$.items[0].unread").value(0));

        List<MessageEvent> moves = kafka.awaitEvents(roomId, 2, ReadMarkerMoved.class::isInstance);
        assertThat(moves).containsExactly(new ReadMarkerMoved(roomId, reader, 3), new ReadMarkerMoved(roomId, reader, 5));
    }

    @Test
    void unreadListsEveryRoomOfTheCallerAndOnlyThose() throws Exception {
        UUID quietRoom = UUID.randomUUID();
        kafka.createRoom(quietRoom, "private", reader);
        UUID notMine = UUID.randomUUID();
        kafka.createRoom(notMine, "public", owner);
        assertThat(roomEvents.awaitKeys(List.of(quietRoom.toString(), notMine.toString()))).isTrue();
        markRead(reader, "{\"seq\":4}").andExpect(status().isNoContent());

        unreadOf(reader).andExpect(jsonPath("$.items.length()").value(2))
                .andExpect(jsonPath("$.items[?(@.roomId == '%s')].unread".formatted(roomId)).value(1))
                .andExpect(jsonPath("$.items[?(@.roomId == '%s')].lastSeq".formatted(quietRoom)).value(0))
                .andExpect(jsonPath("$.items[?(@.roomId == '%s')].unread".formatted(quietRoom)).value(0))
                .andExpect(jsonPath("$.items[*].roomId", not(hasItem(notMine.toString()))));
        unreadOf(owner).andExpect(jsonPath("$.items[?(@.roomId == '%s')].unread".formatted(roomId)).value(5));
    }

    @Test
    void aNonMemberMayNotMarkAndABadSeqIs400() throws Exception {
        UUID stranger = UUID.randomUUID();
        markRead(stranger, "{\"seq\":1}").andExpect(problem(403, "not_member"));
        UUID privateRoom = UUID.randomUUID();
        kafka.createRoom(privateRoom, "private", owner);
        mvc.perform(put("/api/rooms/{id}/read", privateRoom).header("Authorization", bearer(stranger))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"seq\":1}"))
                .andExpect(problem(404, "room_not_found"));

        for (String body : List.of("{\"seq\":-1}", "{\"seq\":\"3\"}", "{}", "{\"seq\":1.5}")) {
            markRead(reader, body).andExpect(problem(400, "validation_failed"));
        }
    }

    @Test
    void gatewayReadMarkersMoveAndBadOnesAreRejectedToTheirOrigin() {
        MarkRead forward = new MarkRead(UUID.randomUUID(), roomId, reader, 2, TestKafka.ORIGIN);
        MarkRead backward = new MarkRead(UUID.randomUUID(), roomId, reader, 1, TestKafka.ORIGIN);
        MarkRead negative = new MarkRead(UUID.randomUUID(), roomId, reader, -4, TestKafka.ORIGIN);
        MarkRead stranger = new MarkRead(UUID.randomUUID(), roomId, UUID.randomUUID(), 1, TestKafka.ORIGIN);
        MarkRead clamped = new MarkRead(UUID.randomUUID(), roomId, reader, 99, TestKafka.ORIGIN);
        List.of(forward, backward, negative, stranger, clamped).forEach(read -> kafka.publish(Topic.MESSAGE_COMMANDS, read));

        List<MessageEvent> answers = kafka.awaitEvents(roomId, 4, event -> !(event instanceof dev.parley.events.message.MessagePosted));
        assertThat(answers).containsExactly(
                new ReadMarkerMoved(roomId, reader, 2),
                new MessageRejected(negative.commandId(), roomId, null, "validation_failed", TestKafka.ORIGIN, "seq"),
                new MessageRejected(stranger.commandId(), roomId, null, "not_member", TestKafka.ORIGIN),
                new ReadMarkerMoved(roomId, reader, 5));
    }

    private ResultActions markRead(UUID user, String body) throws Exception {
        return mvc.perform(put("/api/rooms/{id}/read", roomId).header("Authorization", bearer(user))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private ResultActions unreadOf(UUID user) throws Exception {
        return mvc.perform(get("/api/me/unread").header("Authorization", bearer(user))).andExpect(status().isOk());
    }
}
