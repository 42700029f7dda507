package dev.parley.message.history;

import static dev.parley.testing.ProblemAssert.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.parley.events.Topic;
import dev.parley.events.room.MemberLeft;
import dev.parley.events.room.UserBanned;
import dev.parley.message.IntegrationTestSupport;
import dev.parley.platform.kafka.ConsumerGroupCatchUp;
import dev.parley.testing.TestTokens;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * History reads; the messages are seeded straight into PostgreSQL (sending is tested on its own), with the
 * room's sequence row as the command consumer would leave it.
 */
class MessageHistoryTests extends IntegrationTestSupport {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ConsumerGroupCatchUp catchUp;

    private final UUID roomId = UUID.randomUUID();
    private final UUID owner = UUID.randomUUID();

    @Test
    void theDefaultPageIsTheLatestMessagesAscendingWithHasMoreForOlderOnes() throws Exception {
        roomWithMessages("public", 7);

        read("?limit=3", owner).andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].seq", contains(5, 6, 7)))
                .andExpect(jsonPath("$.hasMore").value(true))
                .andExpect(jsonPath("$.items[0].roomId").value(roomId.toString()))
                .andExpect(jsonPath("$.items[0].senderId").value(owner.toString()))
                .andExpect(jsonPath("$.items[0].clientMsgId").value("c-5"))
                .andExpect(jsonPath("$.items[0].body").value("message 5"))
                .andExpect(jsonPath("$.items[0].createdAt", endsWith("Z")))
                .andExpect(jsonPath("$.items[0].deleted").value(false))
                .andExpect(jsonPath("$.items[0].editedAt").doesNotExist());
        read("", owner).andExpect(jsonPath("$.items.length()").value(7)).andExpect(jsonPath("$.hasMore").value(false));
    }

    @Test
    void limitDefaultsToFiftyAndIsClampedToOneHundred() throws Exception {
        roomWithMessages("public", 105);

        read("", owner).andExpect(jsonPath("$.items.length()").value(50))
                .andExpect(jsonPath("$.items[0].seq").value(56));
        read("?limit=1000", owner).andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(100))
                .andExpect(jsonPath("$.items[0].seq").value(6))
                .andExpect(jsonPath("$.items[99].seq").value(105))
                .andExpect(jsonPath("$.hasMore").value(true));
    }

    @Test
    void aLimitOfZeroOrLessOrNotANumberIsAValidationError() throws Exception {
        roomWithMessages("public", 1);

        for (String query : new String[] {"?limit=0", "?limit=-5", "?limit=ten", "?after=-1", "?before=3&after=1"}) {
            read(query, owner).andExpect(problem(400, "validation_failed"));
        }
        read("?limit=0", owner).andExpect(jsonPath("$.errors[0].field").value("limit"));
    }

    @Test
    void afterPagesForwardFromTheBeginningAndBeforePagesBackward() throws Exception {
        roomWithMessages("public", 7);

        read("?after=0&limit=3", owner).andExpect(jsonPath("$.items[*].seq", contains(1, 2, 3)))
                .andExpect(jsonPath("$.hasMore").value(true));
        read("?after=3&limit=3", owner).andExpect(jsonPath("$.items[*].seq", contains(4, 5, 6)))
                .andExpect(jsonPath("$.hasMore").value(true));
        read("?after=6&limit=3", owner).andExpect(jsonPath("$.items[*].seq", contains(7)))
                .andExpect(jsonPath("$.hasMore").value(false));
        read("?after=7&limit=3", owner).andExpect(jsonPath("$.items").isEmpty())
                .andExpect(jsonPath("$.hasMore").value(false));

        read("?before=5&limit=3", owner).andExpect(jsonPath("$.items[*].seq", contains(2, 3, 4)))
                .andExpect(jsonPath("$.hasMore").value(true));
        read("?before=2&limit=3", owner).andExpect(jsonPath("$.items[*].seq", contains(1)))
                .andExpect(jsonPath("$.hasMore").value(false));
    }

    @Test
    void aroundCentresThePageOnTheSeqWithHalfOfItOlder() throws Exception {
        roomWithMessages("public", 9);

        read("?around=5&limit=4", owner).andExpect(jsonPath("$.items[*].seq", contains(3, 4, 5, 6)))
                .andExpect(jsonPath("$.hasMore").value(true));
        read("?around=2&limit=5", owner).andExpect(jsonPath("$.items[*].seq", contains(1, 2, 3, 4, 5)))
                .andExpect(jsonPath("$.hasMore").value(false));
        read("?around=9&limit=4", owner).andExpect(jsonPath("$.items[*].seq", contains(7, 8, 9)));
        // ⌊limit/2⌋ older: two of a page of five, and more only when a third older one exists
        read("?around=5&limit=5", owner).andExpect(jsonPath("$.items[*].seq", contains(3, 4, 5, 6, 7)))
                .andExpect(jsonPath("$.hasMore").value(true));
        read("?around=3&limit=5", owner).andExpect(jsonPath("$.items[*].seq", contains(1, 2, 3, 4, 5)))
                .andExpect(jsonPath("$.hasMore").value(false));
    }

    @Test
    void anEmptyRoomHasAnEmptyHistory() throws Exception {
        roomWithMessages("private", 0);

        read("?limit=1", owner).andExpect(status().isOk())
                .andExpect(jsonPath("$.items").isEmpty())
                .andExpect(jsonPath("$.hasMore").value(false));
    }

    @Test
    void anyUserReadsAPublicRoomButAPrivateRoomDoesNotExistForNonMembers() throws Exception {
        UUID stranger = UUID.randomUUID();
        roomWithMessages("public", 2);
        read("", stranger).andExpect(status().isOk()).andExpect(jsonPath("$.items.length()").value(2));

        UUID privateRoom = UUID.randomUUID();
        kafka.createRoom(privateRoom, "private", owner);
        mvc.perform(get("/api/rooms/{id}/messages", privateRoom).header("Authorization", bearer(stranger)))
                .andExpect(problem(404, "room_not_found"));
        mvc.perform(get("/api/rooms/{id}/messages", privateRoom).header("Authorization", bearer(owner)))
                .andExpect(status().isOk());
    }

    @Test
    void aBannedUserGetsRoomNotFoundForTheHistoryOfAPublicRoom() throws Exception {
        UUID banned = UUID.randomUUID();
        roomWithMessages("public", 2);
        kafka.join(roomId, banned);
        kafka.publish(Topic.ROOM_EVENTS, new MemberLeft(roomId, banned, "banned", Instant.now()));
        kafka.publish(Topic.ROOM_EVENTS, new UserBanned(roomId, banned, Instant.now()));
        assertThat(catchUp.awaitKey(roomId.toString())).isTrue();

        read("", banned).andExpect(problem(404, "room_not_found"));
        read("", UUID.randomUUID()).andExpect(status().isOk());
    }

    @Test
    void anUnknownRoomIsNotFound() throws Exception {
        read("", owner).andExpect(problem(404, "room_not_found"));
    }

    @Test
    void readingWithoutAValidTokenIsUnauthorized() throws Exception {
        roomWithMessages("public", 1);

        mvc.perform(get("/api/rooms/{id}/messages", roomId)).andExpect(problem(401, "unauthorized"));
        mvc.perform(get("/api/rooms/{id}/messages", roomId)
                        .header("Authorization", "Bearer " + TestTokens.shared().expired(owner)))
                .andExpect(problem(401, "unauthorized"));
    }

    private void roomWithMessages(String visibility, int count) {
        kafka.createRoom(roomId, visibility, owner);
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC);
        for (int seq = 1; seq <= count; seq++) {
            jdbc.sql("""
                            insert into messages (id, room_id, seq, sender_id, client_msg_id, body, created_at)
                            values (:id, :room, :seq, :sender, :clientMsgId, :body, :createdAt)""")
                    .param("id", UUID.randomUUID()).param("room", roomId).param("seq", seq).param("sender", owner)
                    .param("clientMsgId", "c-" + seq).param("body", "message " + seq)
                    .param("createdAt", start.plusSeconds(seq))
                    .update();
        }
        jdbc.sql("insert into room_sequences (room_id, last_seq, version) values (:room, :count, :count)")
                .param("room", roomId).param("count", count).update();
    }

    private ResultActions read(String query, UUID reader) throws Exception {
        return mvc.perform(get("/api/rooms/" + roomId + "/messages" + query).header("Authorization", bearer(reader)));
    }

}
