package dev.parley.message.editing;

import static dev.parley.testing.ProblemAssert.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.parley.events.Topic;
import dev.parley.events.message.DeleteMessage;
import dev.parley.events.message.EditMessage;
import dev.parley.events.message.MessageDeleted;
import dev.parley.events.message.MessageEdited;
import dev.parley.events.message.MessageEvent;
import dev.parley.events.message.MessagePosted;
import dev.parley.events.message.MessageRejected;
import dev.parley.message.IntegrationTestSupport;
import dev.parley.message.TestKafka;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Edits and deletes, over HTTP and as gateway commands: who may, tombstones, events. */
class EditAndDeleteTests extends IntegrationTestSupport {

    @Autowired
    MockMvc mvc;

    private final UUID roomId = UUID.randomUUID();
    private final UUID owner = UUID.randomUUID();
    private final UUID admin = UUID.randomUUID();
    private final UUID author = UUID.randomUUID();
    private final UUID otherMember = UUID.randomUUID();
    private final UUID stranger = UUID.randomUUID();
    private MessagePosted message;

    @BeforeEach
    void aMessageByAMemberOfAPublicRoom() {
        kafka.createRoom(roomId, "public", owner);
        kafka.join(roomId, admin, "admin");
        kafka.join(roomId, author);
        kafka.join(roomId, otherMember);
        kafka.send(roomId, author, "c-1", "first draft");
        message = (MessagePosted) kafka.awaitOnlyEvent(roomId);
    }

    @Test
    void theSenderEditsTheirMessageAndHistoryAndTheEventShowIt() throws Exception {
        editAs(author, 1, "second draft").andExpect(status().isOk())
                .andExpect(jsonPath("$.seq").value(1))
                .andExpect(jsonPath("$.id").value(message.messageId().toString()))
                .andExpect(jsonPath("$.body").value("second draft"))
                .andExpect(jsonPath("$.editedAt", endsWith("Z")))
                .andExpect(jsonPath("$.deleted").value(false));

        history(author).andExpect(jsonPath("$.items[0].body").value("second draft"))
                .andExpect(jsonPath("$.items[0].editedAt").exists());
        assertThat(kafka.awaitEvents(roomId, 2).get(1)).isInstanceOfSatisfying(MessageEdited.class, edited -> {
            assertThat(edited.seq()).isEqualTo(1);
            assertThat(edited.messageId()).isEqualTo(message.messageId());
            assertThat(edited.senderId()).isEqualTo(author);
            assertThat(edited.body()).isEqualTo("second draft");
        });
    }

    @Test
    void onlyTheSenderMayEditNotEvenTheOwner() throws Exception {
        for (UUID someoneElse : List.of(owner, admin, otherMember, stranger)) {
            editAs(someoneElse, 1, "not yours").andExpect(problem(403, "forbidden"));
        }
        history(author).andExpect(jsonPath("$.items[0].body").value("first draft"));
    }

    @Test
    void theSenderTheOwnerOrAnAdminMayDeleteButNoOtherMemberOrStranger() throws Exception {
        kafka.send(roomId, author, "c-2", "second");
        kafka.send(roomId, author, "c-3", "third");
        kafka.awaitEvents(roomId, 3);

        deleteAs(otherMember, 1).andExpect(problem(403, "forbidden"));
        deleteAs(stranger, 1).andExpect(problem(403, "forbidden"));
        deleteAs(author, 1).andExpect(status().isNoContent());
        deleteAs(owner, 2).andExpect(status().isNoContent());
        deleteAs(admin, 3).andExpect(status().isNoContent());

        List<MessageEvent> events = kafka.awaitEvents(roomId, 6);
        assertThat(events.subList(3, 6)).map(event -> ((MessageDeleted) event).deletedBy())
                .containsExactly(author, owner, admin);
    }

    @Test
    void aDeleteLeavesATombstoneInItsPlace() throws Exception {
        kafka.send(roomId, author, "c-2", "stays");
        kafka.awaitEvents(roomId, 2);

        deleteAs(author, 1).andExpect(status().isNoContent());

        history(otherMember).andExpect(jsonPath("$.items.length()").value(2))
                .andExpect(jsonPath("$.items[0].seq").value(1))
                .andExpect(jsonPath("$.items[0].id").value(message.messageId().toString()))
                .andExpect(jsonPath("$.items[0].deleted").value(true))
                .andExpect(jsonPath("$.items[0].body").value(""))
                .andExpect(jsonPath("$.items[0].clientMsgId").value("c-1"))
                .andExpect(jsonPath("$.items[1].body").value("stays"));
        assertThat(kafka.awaitEvents(roomId, 3).get(2)).isInstanceOfSatisfying(MessageDeleted.class, deleted -> {
            assertThat(deleted.seq()).isEqualTo(1);
            assertThat(deleted.messageId()).isEqualTo(message.messageId());
        });
    }

    @Test
    void editingATombstoneIsAConflictAndDeletingItAgainChangesNothing() throws Exception {
        deleteAs(author, 1).andExpect(status().isNoContent());

        editAs(author, 1, "too late").andExpect(problem(409, "message_deleted"));
        deleteAs(author, 1).andExpect(status().isNoContent());
        kafka.send(roomId, author, "c-2", "marker");

        // Posted, deleted once, posted: no second MessageDeleted in between.
        assertThat(kafka.awaitEvents(roomId, 3)).map(event -> event.getClass().getSimpleName())
                .containsExactly("MessagePosted", "MessageDeleted", "MessagePosted");
    }

    @Test
    void anUnknownSeqIsMessageNotFoundAndAPrivateRoomIsNotFoundForStrangers() throws Exception {
        editAs(author, 99, "nowhere").andExpect(problem(404, "message_not_found"));
        deleteAs(author, 99).andExpect(problem(404, "message_not_found"));
        deleteAs(owner, 0).andExpect(problem(404, "message_not_found"));

        UUID privateRoom = UUID.randomUUID();
        kafka.createRoom(privateRoom, "private", owner);
        mvc.perform(patch("/api/rooms/{id}/messages/{seq}", privateRoom, 1).header("Authorization", bearer(stranger))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"body\":\"x\"}"))
                .andExpect(problem(404, "room_not_found"));
    }

    @Test
    void anInvalidEditIs400() throws Exception {
        editAs(author, 1, "   ").andExpect(problem(400, "validation_failed"))
                .andExpect(jsonPath("$.errors[0].field").value("body"));
        mvc.perform(patch("/api/rooms/{id}/messages/{seq}", roomId, "one").header("Authorization", bearer(author))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"body\":\"x\"}"))
                .andExpect(problem(400, "validation_failed"));
    }

    @Test
    void gatewayEditsAndDeletesAreAppliedAndRefusedOnesAnsweredToTheirOrigin() {
        EditMessage byAuthor = new EditMessage(UUID.randomUUID(), roomId, author, 1, "via gateway", TestKafka.ORIGIN);
        EditMessage byOther = new EditMessage(UUID.randomUUID(), roomId, otherMember, 1, "hijack", TestKafka.ORIGIN);
        EditMessage blank = new EditMessage(UUID.randomUUID(), roomId, author, 1, " ", TestKafka.ORIGIN);
        DeleteMessage unknown = new DeleteMessage(UUID.randomUUID(), roomId, author, 42, TestKafka.ORIGIN);
        DeleteMessage byOwner = new DeleteMessage(UUID.randomUUID(), roomId, owner, 1, TestKafka.ORIGIN);
        List.of(byAuthor, byOther, blank, unknown, byOwner).forEach(command -> kafka.publish(Topic.MESSAGE_COMMANDS, command));

        List<MessageEvent> events = kafka.awaitEvents(roomId, 6);
        assertThat(events.get(1)).isInstanceOfSatisfying(MessageEdited.class,
                edited -> assertThat(edited.body()).isEqualTo("via gateway"));
        assertThat(events.get(2)).isEqualTo(new MessageRejected(byOther.commandId(), roomId, null, "forbidden",
                TestKafka.ORIGIN));
        assertThat(events.get(3)).isEqualTo(new MessageRejected(blank.commandId(), roomId, null, "validation_failed",
                TestKafka.ORIGIN, "body"));
        assertThat(events.get(4)).isEqualTo(new MessageRejected(unknown.commandId(), roomId, null,
                "message_not_found", TestKafka.ORIGIN));
        assertThat(events.get(5)).isInstanceOfSatisfying(MessageDeleted.class,
                deleted -> assertThat(deleted.deletedBy()).isEqualTo(owner));
    }

    private ResultActions editAs(UUID editor, long seq, String body) throws Exception {
        return mvc.perform(patch("/api/rooms/{id}/messages/{seq}", roomId, seq).header("Authorization", bearer(editor))
                .contentType(MediaType.APPLICATION_JSON).content("{\"body\":\"" + body + "\"}"));
    }

    private ResultActions deleteAs(UUID deleter, long seq) throws Exception {
        return mvc.perform(delete("/api/rooms/{id}/messages/{seq}", roomId, seq).header("Authorization", bearer(deleter)));
    }

    private ResultActions history(UUID reader) throws Exception {
        return mvc.perform(get("/api/rooms/{id}/messages", roomId).header("Authorization", bearer(reader)))
                .andExpect(status().isOk());
    }
}
