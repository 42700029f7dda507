package dev.parley.message.conversations;

import static dev.parley.testing.ProblemAssert.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.parley.events.Topic;
import dev.parley.events.message.MessageEvent;
import dev.parley.events.message.MessagePosted;
import dev.parley.events.message.MessageRejected;
import dev.parley.events.message.ReactionAdded;
import dev.parley.events.message.ReactionRemoved;
import dev.parley.events.message.SendMessage;
import dev.parley.events.message.ThreadUpdated;
import dev.parley.events.room.MemberLeft;
import dev.parley.events.room.UserBanned;
import dev.parley.events.user.UserRegistered;
import dev.parley.message.IntegrationTestSupport;
import dev.parley.message.TestKafka;
import dev.parley.platform.kafka.ConsumerGroupCatchUp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Contract §6's threads, reactions and mentions, through the HTTP API and the command topic against real
 * PostgreSQL, Redis and Kafka: each is a command of the room's pipeline, so it keeps the room's order and
 * takes effect once.
 */
class ConversationFeaturesTests extends IntegrationTestSupport {

    private final UUID owner = UUID.randomUUID();
    private final UUID member = UUID.randomUUID();
    private final UUID stranger = UUID.randomUUID();
    private final UUID room = UUID.randomUUID();

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ConsumerGroupCatchUp roomEvents;

    // ---- threads ----

    @Test
    void aReplyTakesTheRoomsNextSeqAndTheRootCountsIt() throws Exception {
        kafka.createRoom(room, "public", owner);
        kafka.join(room, member);
        long root = send(owner, "root", null).get("seq").asLong();
        send(member, "unrelated", null);
        JsonNode reply = send(member, "first reply", root);
        send(owner, "second reply", root);

        assertThat(reply.get("seq").asLong()).isEqualTo(3);
        assertThat(reply.get("threadRoot").asLong()).isEqualTo(root);
        JsonNode rootNow = history(owner).get("items").get(0);
        assertThat(rootNow.get("replyCount").asInt()).isEqualTo(2);
        assertThat(rootNow.get("lastReplyAt").asString()).isNotBlank();
        assertThat(rootNow.has("threadRoot")).isFalse();
        JsonNode thread = thread(member, root, null);
        assertThat(bodies(thread)).containsExactly("first reply", "second reply");
        assertThat(thread.get("hasMore").asBoolean()).isFalse();
        assertThat(bodies(thread(member, root, 3L))).containsExactly("second reply");

        List<MessageEvent> events = kafka.awaitEvents(room, 6);
        assertThat(events.get(2)).isInstanceOfSatisfying(MessagePosted.class,
                posted -> assertThat(posted.threadRoot()).isEqualTo(root));
        assertThat(events.get(3)).isEqualTo(new ThreadUpdated(room, root, 1,
                ((MessagePosted) events.get(2)).createdAt()));
        assertThat(events.get(5)).isInstanceOfSatisfying(ThreadUpdated.class,
                updated -> assertThat(updated.replyCount()).isEqualTo(2));
    }

    @Test
    void aReplyToAReplyOrToNothingIsRefused() throws Exception {
        kafka.createRoom(room, "public", owner);
        long root = send(owner, "root", null).get("seq").asLong();
        long reply = send(owner, "reply", root).get("seq").asLong();

        post(owner, Map.of("clientMsgId", "r2r", "body", "nested", "threadRoot", reply))
                .andExpect(problem(400, "validation_failed"))
                .andExpect(jsonPath("$.errors[0].field").value("threadRoot"));
        post(owner, Map.of("clientMsgId", "r2none", "body", "lost", "threadRoot", 99))
                .andExpect(problem(404, "message_not_found"));
        mvc.perform(get("/api/rooms/{id}/messages/{seq}/thread", room, 99).header("Authorization", bearer(owner)))
                .andExpect(problem(404, "message_not_found"));
        mvc.perform(get("/api/rooms/{id}/messages/{seq}/thread", room, root).header("Authorization", bearer(stranger)))
                .andExpect(status().isOk());
    }

    @Test
    void aThreadRootThatIsNotAPositiveSeqIsRefusedNamingIt() throws Exception {
        kafka.createRoom(room, "public", owner);
        send(owner, "root", null);

        for (long threadRoot : new long[] {0, -1}) {
            post(owner, Map.of("clientMsgId", "bad-root" + threadRoot, "body", "reply", "threadRoot", threadRoot))
                    .andExpect(problem(400, "validation_failed"))
                    .andExpect(jsonPath("$.errors[0].field").value("threadRoot"));
        }
        assertThat(bodies(history(owner))).containsExactly("root");
    }

    @Test
    void aThreadIsReadAPageAtATimeAscendingAfterTheLastReplySeen() throws Exception {
        kafka.createRoom(room, "public", owner);
        long root = send(owner, "root", null).get("seq").asLong();
        List<Long> replies = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            replies.add(send(owner, "reply " + i, root).get("seq").asLong());
            send(owner, "not in the thread " + i, null);
        }

        JsonNode first = thread(member, root, null, 2);
        JsonNode second = thread(member, root, replies.get(1), 2);
        JsonNode last = thread(member, root, replies.get(3), 2);

        assertThat(seqs(first)).containsExactlyElementsOf(replies.subList(0, 2));
        assertThat(first.get("hasMore").asBoolean()).isTrue();
        assertThat(seqs(second)).containsExactlyElementsOf(replies.subList(2, 4));
        assertThat(second.get("hasMore").asBoolean()).isTrue();
        assertThat(bodies(last)).containsExactly("reply 5");
        assertThat(last.get("hasMore").asBoolean()).isFalse();
    }

    @Test
    void aPrivateRoomsThreadDoesNotExistForAStranger() throws Exception {
        kafka.createRoom(room, "private", owner);
        kafka.join(room, member);
        long root = send(owner, "root", null).get("seq").asLong();
        send(member, "reply", root);

        assertThat(bodies(thread(member, root, null))).containsExactly("reply");
        mvc.perform(get("/api/rooms/{id}/messages/{seq}/thread", room, root).header("Authorization", bearer(stranger)))
                .andExpect(problem(404, "room_not_found"));
    }

    @Test
    void theConsumerRefusesABadReplyFromAGatewayToo() {
        kafka.createRoom(room, "public", owner);
        kafka.publish(Topic.MESSAGE_COMMANDS, new SendMessage(UUID.randomUUID(), room, owner, "ws-1", "root",
                Instant.now(), TestKafka.ORIGIN));
        kafka.publish(Topic.MESSAGE_COMMANDS, new SendMessage(UUID.randomUUID(), room, owner, "ws-2", "reply",
                Instant.now(), TestKafka.ORIGIN, 1L, List.of()));
        kafka.publish(Topic.MESSAGE_COMMANDS, new SendMessage(UUID.randomUUID(), room, owner, "ws-3", "nested",
                Instant.now(), TestKafka.ORIGIN, 2L, List.of()));
        kafka.publish(Topic.MESSAGE_COMMANDS, new SendMessage(UUID.randomUUID(), room, owner, "ws-4", "nowhere",
                Instant.now(), TestKafka.ORIGIN, 42L, List.of()));

        List<MessageEvent> events = kafka.awaitEvents(room, 5);
        assertThat(events).extracting(event -> event.getClass().getSimpleName())
                .containsExactly("MessagePosted", "MessagePosted", "ThreadUpdated", "MessageRejected", "MessageRejected");
        // The refusal names the field, so that the gateway's error frame says threadRoot as contract §6 does.
        assertThat((MessageRejected) events.get(3)).extracting(MessageRejected::reason, MessageRejected::field)
                .containsExactly("validation_failed", "threadRoot");
        assertThat((MessageRejected) events.get(4)).extracting(MessageRejected::reason, MessageRejected::field)
                .containsExactly("message_not_found", "threadRoot");
    }

    // ---- reactions ----

    @Test
    void reactionsAreIdempotentCountedAndShowWhetherTheReaderReacted() throws Exception {
        kafka.createRoom(room, "public", owner);
        kafka.join(room, member);
        long seq = send(owner, "react to me", null).get("seq").asLong();

        react(owner, seq, "\uD83D\uDC4D").andExpect(status().isNoContent());
        react(owner, seq, "\uD83D\uDC4D").andExpect(status().isNoContent());
        react(member, seq, "\uD83D\uDC4D").andExpect(status().isNoContent());
        react(member, seq, ":tada:").andExpect(status().isNoContent());
        unreact(member, seq, ":tada:").andExpect(status().isNoContent());
        unreact(member, seq, ":tada:").andExpect(status().isNoContent());

        JsonNode asOwner = history(owner).get("items").get(0).get("reactions");
        assertThat(asOwner).hasSize(1);
        assertThat(asOwner.get(0).get("emoji").asString()).isEqualTo("\uD83D\uDC4D");
        assertThat(asOwner.get(0).get("count").asInt()).isEqualTo(2);
        assertThat(asOwner.get(0).get("me").asBoolean()).isTrue();
        assertThat(history(stranger).get("items").get(0).get("reactions").get(0).get("me").asBoolean()).isFalse();

        List<MessageEvent> events = kafka.awaitEvents(room, 5);
        assertThat(events.subList(1, 5)).containsExactly(
                new ReactionAdded(room, seq, "\uD83D\uDC4D", owner, ((ReactionAdded) events.get(1)).at()),
                new ReactionAdded(room, seq, "\uD83D\uDC4D", member, ((ReactionAdded) events.get(2)).at()),
                new ReactionAdded(room, seq, ":tada:", member, ((ReactionAdded) events.get(3)).at()),
                new ReactionRemoved(room, seq, ":tada:", member, ((ReactionRemoved) events.get(4)).at()));
    }

    @Test
    void onlyMembersReactToMessagesThatExistAndAreNotDeleted() throws Exception {
        kafka.createRoom(room, "public", owner);
        long seq = send(owner, "hello", null).get("seq").asLong();
        long gone = send(owner, "soon gone", null).get("seq").asLong();
        mvc.perform(delete("/api/rooms/{id}/messages/{seq}", room, gone).header("Authorization", bearer(owner)))
                .andExpect(status().isNoContent());

        react(stranger, seq, ":wave:").andExpect(problem(403, "not_member"));
        react(owner, 99, ":wave:").andExpect(problem(404, "message_not_found"));
        react(owner, gone, ":wave:").andExpect(problem(409, "message_deleted"));
        unreact(owner, gone, ":wave:").andExpect(problem(409, "message_deleted"));
        react(owner, seq, "nope").andExpect(problem(400, "validation_failed"))
                .andExpect(jsonPath("$.errors[0].field").value("emoji"));
        mvc.perform(put("/api/rooms/{id}/messages/{seq}/reactions/{emoji}", room, seq, ":wave:"))
                .andExpect(problem(401, "unauthorized"));
    }

    @Test
    void aPrivateRoomOrOneTheUserIsBannedFromHasNoMessageToReactTo() throws Exception {
        UUID banned = UUID.randomUUID();
        UUID privateRoom = UUID.randomUUID();
        kafka.createRoom(room, "public", owner);
        kafka.join(room, banned);
        kafka.createRoom(privateRoom, "private", owner);
        long seq = send(owner, "in public", null).get("seq").asLong();
        long secret = send(privateRoom, owner, "in private", null).get("seq").asLong();
        react(banned, seq, ":wave:").andExpect(status().isNoContent());
        // what room-service publishes for a ban
        kafka.publish(Topic.ROOM_EVENTS, new MemberLeft(room, banned, "banned", Instant.now()));
        kafka.publish(Topic.ROOM_EVENTS, new UserBanned(room, banned, Instant.now()));
        assertThat(roomEvents.awaitKey(room.toString())).isTrue();

        for (ResultActions refused : List.of(react(banned, seq, ":wave:"), unreact(banned, seq, ":wave:"),
                react(privateRoom, stranger, secret, ":wave:"), unreact(privateRoom, stranger, secret, ":wave:"))) {
            refused.andExpect(problem(404, "room_not_found"));
        }
    }

    @Test
    void aMessageTakesAtMostTwentyDistinctEmoji() throws Exception {
        kafka.createRoom(room, "public", owner);
        long seq = send(owner, "popular", null).get("seq").asLong();
        for (int i = 0; i < 20; i++) {
            react(owner, seq, ":e" + i + ":").andExpect(status().isNoContent());
        }
        react(owner, seq, ":one-too-many:").andExpect(problem(409, "too_many_reactions"));
        react(owner, seq, ":e7:").andExpect(status().isNoContent());
        assertThat(history(owner).get("items").get(0).get("reactions")).hasSize(20);
    }

    // ---- mentions ----

    @Test
    void membersMentionedByNameAreListedInOrderAndFindTheirMentions() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        kafka.createRoom(room, "private", owner);
        kafka.join(room, member);
        registered(member, "Mia" + suffix);
        registered(owner, "oz" + suffix);
        registered(stranger, "sam" + suffix);
        assertThat(roomEvents.awaitKey(room.toString())).isTrue();

        assertThat(send(owner, "ping @mia" + suffix + " and @OZ" + suffix + ", @sam" + suffix + " @mia" + suffix, null)
                .get("mentions").valueStream().map(JsonNode::asString).toList())
                .containsExactly(member.toString(), owner.toString());
        send(owner, "no one here", null);

        JsonNode mentions = mentionsOf(member);
        assertThat(mentions.get("items")).hasSize(1);
        assertThat(mentions.get("items").get(0).get("body").asString()).startsWith("ping @mia");
        assertThat(mentionsOf(stranger).get("items")).isEmpty();
        assertThat(unreadRoom(member).get("mentions").asLong()).isEqualTo(1);

        MessagePosted posted = kafka.awaitPosted(room, 2).stream()
                .filter(message -> message.body().startsWith("ping")).reduce((first, last) -> last).orElseThrow();
        assertThat(posted.mentions()).containsExactly(member, owner);
    }

    @Test
    void readingPastAMentionClearsItFromTheUnreadCount() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        kafka.createRoom(room, "public", owner);
        kafka.join(room, member);
        registered(member, "rae" + suffix);
        assertThat(roomEvents.awaitKey(room.toString())).isTrue();
        assertThat(send(owner, "hey @rae" + suffix, null).get("mentions")).hasSize(1);
        send(owner, "later", null);
        JsonNode unread = unreadRoom(member);
        assertThat(unread.get("mentions").asLong()).isEqualTo(1);

        long last = unread.get("lastSeq").asLong();
        mvc.perform(put("/api/rooms/{id}/read", room).header("Authorization", bearer(member))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"seq\":" + last + "}"))
                .andExpect(status().is2xxSuccessful());
        assertThat(unreadRoom(member).get("mentions").asLong()).isZero();
        assertThat(mentionsOf(member).get("items")).isNotEmpty();
    }

    @Test
    void mentionsPageNewestFirstAcrossTheRoomsTheCallerCanStillRead() throws Exception {
        String name = "ada" + UUID.randomUUID().toString().substring(0, 6);
        UUID privateRoom = room;
        UUID publicRoom = UUID.randomUUID();
        UUID bannedFrom = UUID.randomUUID();
        kafka.createRoom(privateRoom, "private", owner);
        kafka.createRoom(publicRoom, "public", owner);
        kafka.createRoom(bannedFrom, "public", owner);
        List<UUID> rooms = List.of(privateRoom, publicRoom, bannedFrom);
        rooms.forEach(joined -> kafka.join(joined, member));
        registered(member, name);
        assertThat(roomEvents.awaitKeys(rooms.stream().map(UUID::toString).toList())).isTrue();
        send(privateRoom, owner, "one @" + name, null);
        send(publicRoom, owner, "two @" + name, null);
        send(bannedFrom, owner, "three @" + name, null);
        send(privateRoom, owner, "four @" + name, null);
        send(publicRoom, owner, "five @" + name, null);

        assertThat(mentionPages(member, 2)).containsExactly(List.of("five @" + name, "four @" + name),
                List.of("three @" + name, "two @" + name), List.of("one @" + name));

        kafka.publish(Topic.ROOM_EVENTS, new MemberLeft(privateRoom, member, "left", Instant.now()));
        kafka.publish(Topic.ROOM_EVENTS, new MemberLeft(publicRoom, member, "left", Instant.now()));
        kafka.publish(Topic.ROOM_EVENTS, new MemberLeft(bannedFrom, member, "banned", Instant.now()));
        kafka.publish(Topic.ROOM_EVENTS, new UserBanned(bannedFrom, member, Instant.now()));
        assertThat(roomEvents.awaitKeys(rooms.stream().map(UUID::toString).toList())).isTrue();

        // a public room the caller left is still theirs to read
        assertThat(mentionPages(member, 2)).containsExactly(List.of("five @" + name, "two @" + name));
    }

    /** Contract §2: limit defaults to 50 on every list, threads, mentions and search alike. */
    @Test
    void withoutALimitThreadsMentionsAndSearchAnswerPagesOfFifty() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String word = "w" + suffix;
        kafka.createRoom(room, "public", owner);
        kafka.join(room, member);
        registered(member, "lu" + suffix);
        assertThat(roomEvents.awaitKey(room.toString())).isTrue();
        long root = send(owner, "root", null).get("seq").asLong();
        for (int i = 0; i < 51; i++) {
            send(owner, "again @lu" + suffix + " " + word, root);
        }

        JsonNode thread = read(get("/api/rooms/{id}/messages/{seq}/thread", room, root), member);
        JsonNode mentions = mentionsOf(member);
        JsonNode found = read(get("/api/search/messages").param("q", word), member);

        assertThat(List.of(thread, mentions, found)).as("thread, mentions, search")
                .extracting(page -> page.get("items").size()).containsExactly(50, 50, 50);
        assertThat(thread.get("hasMore").asBoolean()).isTrue();
        assertThat(List.of(mentions, found)).as("mentions, search")
                .allSatisfy(page -> assertThat(page.get("nextCursor").isNull()).isFalse());
    }

    /** Contract §2: a limit above the maximum (100) is clamped to it, on threads, mentions and search alike. */
    @Test
    void aLimitAboveOneHundredIsClampedOnThreadsMentionsAndSearch() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String word = "w" + suffix;
        kafka.createRoom(room, "public", owner);
        kafka.join(room, member);
        registered(member, "cy" + suffix);
        assertThat(roomEvents.awaitKey(room.toString())).isTrue();
        long root = send(owner, "root", null).get("seq").asLong();
        for (int i = 0; i < 101; i++) {
            send(owner, "@cy" + suffix + " " + word, root);
        }

        JsonNode thread = read(get("/api/rooms/{id}/messages/{seq}/thread", room, root).param("limit", "1000"), member);
        JsonNode mentions = read(get("/api/me/mentions").param("limit", "1000"), member);
        JsonNode found = read(get("/api/search/messages").param("q", word).param("limit", "1000"), member);

        assertThat(List.of(thread, mentions, found)).as("thread, mentions, search")
                .extracting(page -> page.get("items").size()).containsExactly(100, 100, 100);
        assertThat(thread.get("hasMore").asBoolean()).isTrue();
        assertThat(List.of(mentions, found)).as("mentions, search")
                .allSatisfy(page -> assertThat(page.get("nextCursor").isNull()).isFalse());
    }

    @Test
    void aLimitBelowOneIsABadRequestNamingIt() throws Exception {
        kafka.createRoom(room, "public", owner);
        long root = send(owner, "root", null).get("seq").asLong();
        for (var request : List.of(get("/api/me/mentions").param("limit", "0"),
                get("/api/rooms/{id}/messages/{seq}/thread", room, root).param("limit", "0"),
                get("/api/rooms/{id}/messages/{seq}/thread", room, root).param("after", "-1"))) {
            mvc.perform(request.header("Authorization", bearer(owner)))
                    .andExpect(problem(400, "validation_failed"));
        }
    }

    // ---- helpers ----

    private JsonNode send(UUID sender, String body, Long threadRoot) throws Exception {
        return send(room, sender, body, threadRoot);
    }

    private JsonNode send(UUID roomId, UUID sender, String body, Long threadRoot) throws Exception {
        Map<String, Object> request = new HashMap<>(Map.of("clientMsgId", UUID.randomUUID().toString(), "body", body));
        if (threadRoot != null) {
            request.put("threadRoot", threadRoot);
        }
        return json.readTree(post(roomId, sender, request).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString());
    }

    private ResultActions post(UUID sender, Map<String, Object> request) throws Exception {
        return post(room, sender, request);
    }

    private ResultActions post(UUID roomId, UUID sender, Map<String, Object> request) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/api/rooms/{id}/messages", roomId).header("Authorization", bearer(sender))
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(request)));
    }

    private ResultActions react(UUID user, long seq, String emoji) throws Exception {
        return react(room, user, seq, emoji);
    }

    private ResultActions react(UUID roomId, UUID user, long seq, String emoji) throws Exception {
        return mvc.perform(put("/api/rooms/{id}/messages/{seq}/reactions/{emoji}", roomId, seq, emoji)
                .header("Authorization", bearer(user)));
    }

    private ResultActions unreact(UUID user, long seq, String emoji) throws Exception {
        return unreact(room, user, seq, emoji);
    }

    private ResultActions unreact(UUID roomId, UUID user, long seq, String emoji) throws Exception {
        return mvc.perform(delete("/api/rooms/{id}/messages/{seq}/reactions/{emoji}", roomId, seq, emoji)
                .header("Authorization", bearer(user)));
    }

    private JsonNode history(UUID reader) throws Exception {
        return read(get("/api/rooms/{id}/messages", room), reader);
    }

    private JsonNode thread(UUID reader, long root, Long after) throws Exception {
        var request = get("/api/rooms/{id}/messages/{seq}/thread", room, root);
        return read(after == null ? request : request.param("after", after.toString()), reader);
    }

    private JsonNode thread(UUID reader, long root, Long after, int limit) throws Exception {
        var request = get("/api/rooms/{id}/messages/{seq}/thread", room, root).param("limit", String.valueOf(limit));
        return read(after == null ? request : request.param("after", after.toString()), reader);
    }

    private JsonNode mentionsOf(UUID user) throws Exception {
        return read(get("/api/me/mentions"), user);
    }

    /** The bodies of every page of the user's mentions, following the cursor until it runs out. */
    private List<List<String>> mentionPages(UUID user, int limit) throws Exception {
        List<List<String>> pages = new ArrayList<>();
        String cursor = null;
        do {
            var request = get("/api/me/mentions").param("limit", String.valueOf(limit));
            JsonNode page = read(cursor == null ? request : request.param("cursor", cursor), user);
            pages.add(bodies(page));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        return pages;
    }

    /** A user as room-service's UserRegistered makes them known, once the usernames projection has them. */
    private void registered(UUID user, String username) {
        kafka.publish(Topic.USER_EVENTS, new UserRegistered(user, username, username, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from users where user_id = :user")
                .param("user", user).query(Long.class).single() == 1);
    }

    private JsonNode unreadRoom(UUID user) throws Exception {
        for (JsonNode item : read(get("/api/me/unread"), user).get("items")) {
            if (item.get("roomId").asString().equals(room.toString())) {
                return item;
            }
        }
        throw new AssertionError("room not among the unread of " + user);
    }

    private JsonNode read(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
                          UUID reader) throws Exception {
        return json.readTree(mvc.perform(request.header("Authorization", bearer(reader)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private static List<Long> seqs(JsonNode page) {
        List<Long> seqs = new ArrayList<>();
        page.get("items").forEach(item -> seqs.add(item.get("seq").asLong()));
        return seqs;
    }

    private static List<String> bodies(JsonNode page) {
        List<String> bodies = new ArrayList<>();
        page.get("items").forEach(item -> bodies.add(item.get("body").asString()));
        return bodies;
    }
}
