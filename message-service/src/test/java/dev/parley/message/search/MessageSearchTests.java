package dev.parley.message.search;

import static dev.parley.testing.ProblemAssert.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.parley.events.Topic;
import dev.parley.events.room.UserBanned;
import dev.parley.message.IntegrationTestSupport;
import dev.parley.message.events.KafkaSetup;
import dev.parley.platform.web.ApiException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/search/messages} against PostgreSQL's full-text index (V4), with messages sent through the
 * API. Every test searches for a word of its own, so the tests share the database without seeing each other.
 */
class MessageSearchTests extends IntegrationTestSupport {

    private final UUID owner = UUID.randomUUID();
    private final UUID room = UUID.randomUUID();
    private final String word = "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    JdbcClient jdbcClient;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    SearchQueries queries;
    @Autowired
    DataSource dataSource;

    @Test
    void everyWordMustMatchWhateverItsCaseAndAccents() throws Exception {
        kafka.createRoom(room, "public", owner);
        send(room, owner, "Le Café " + word + " est ouvert");
        send(room, owner, "cafe fermé " + word);
        send(room, owner, "the CAFÉ opens at nine " + word.toUpperCase());
        send(room, owner, "nothing about it " + word);

        assertThat(bodies(search(owner, word + " cafe"))).hasSize(3);
        assertThat(bodies(search(owner, word + " café ouvert"))).containsExactly("Le Café " + word + " est ouvert");
        assertThat(bodies(search(owner, word + " Cafe NINE"))).containsExactly("the CAFÉ opens at nine " + word.toUpperCase());
        assertThat(bodies(search(owner, word + " croissant"))).isEmpty();
    }

    @Test
    void theHighlightWrapsEachMatchOfTheBodyAsItWasWritten() throws Exception {
        kafka.createRoom(room, "public", owner);
        send(room, owner, "Le Café " + word + " <b>est</b> ouvert, café!");

        JsonNode hit = search(owner, "cafe " + word).get("items").get(0);

        assertThat(hit.get("highlight").asString()).isEqualTo(
                "Le \u0002Café\u0003 \u0002" + word + "\u0003 <b>est</b> ouvert, \u0002café\u0003!");
        assertThat(hit.get("body").asString()).isEqualTo("Le Café " + word + " <b>est</b> ouvert, café!");
        assertThat(hit.get("seq").asLong()).isEqualTo(1);
        assertThat(hit.get("roomId").asString()).isEqualTo(room.toString());
    }

    @Test
    void onlyRoomsTheCallerCanReadNowAreSearched() throws Exception {
        UUID reader = UUID.randomUUID();
        UUID publicRoom = room;
        UUID privateRoom = UUID.randomUUID();
        UUID theirPrivateRoom = UUID.randomUUID();
        UUID bannedFrom = UUID.randomUUID();
        kafka.createRoom(publicRoom, "public", owner);
        kafka.createRoom(privateRoom, "private", owner);
        kafka.createRoom(theirPrivateRoom, "private", owner);
        kafka.join(theirPrivateRoom, reader);
        kafka.createRoom(bannedFrom, "public", owner);
        send(publicRoom, owner, "public " + word);
        send(privateRoom, owner, "private " + word);
        send(theirPrivateRoom, owner, "shared " + word);
        send(bannedFrom, owner, "banned " + word);
        kafka.publish(Topic.ROOM_EVENTS, new UserBanned(bannedFrom, reader, Instant.now()));

        // the ban reaches the room projection a moment after it is published
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(bodies(search(reader, word))).containsExactly("shared " + word, "public " + word));
        assertThat(bodies(search(owner, word))).hasSize(4);
        mvc.perform(get("/api/search/messages").param("q", word).param("roomId", privateRoom.toString())
                        .header("Authorization", bearer(reader)))
                .andExpect(problem(404, "room_not_found"));
        assertThat(bodies(searchIn(reader, word, theirPrivateRoom))).containsExactly("shared " + word);
    }

    @Test
    void aDeletedMessageNeverMatches() throws Exception {
        kafka.createRoom(room, "public", owner);
        send(room, owner, "first " + word);
        send(room, owner, "second " + word);
        mvc.perform(delete("/api/rooms/{id}/messages/{seq}", room, 1).header("Authorization", bearer(owner)))
                .andExpect(status().isNoContent());

        assertThat(bodies(search(owner, word))).containsExactly("second " + word);
    }

    @Test
    void pagesRunNewestFirstUntilTheCursorRunsOut() throws Exception {
        kafka.createRoom(room, "public", owner);
        for (int i = 1; i <= 5; i++) {
            send(room, owner, "message " + i + " " + word);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = get("/api/search/messages").param("q", word).param("limit", "2")
                    .header("Authorization", bearer(owner));
            if (cursor != null) {
                request = request.param("cursor", cursor);
            }
            JsonNode page = json.readTree(mvc.perform(request).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString());
            seen.addAll(bodies(page));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("message 5 " + word, "message 4 " + word, "message 3 " + word,
                "message 2 " + word, "message 1 " + word);
    }

    /** A burst of sends is stored in one batch, often within one millisecond: newest first still means by seq. */
    @Test
    void aBurstOfMessagesStoredTogetherIsFoundNewestFirst() throws Exception {
        kafka.createRoom(room, "public", owner);
        send(room, owner, "warm-up");
        MessageListenerContainer commands = listeners.getListenerContainer(KafkaSetup.COMMANDS_LISTENER);
        commands.pause();
        try {
            await().atMost(Duration.ofSeconds(10)).until(commands::isContainerPaused);
            for (int i = 1; i <= 30; i++) {
                kafka.send(room, owner, "burst-" + i, "burst " + i + " " + word);
            }
        } finally {
            commands.resume();
        }
        kafka.awaitPosted(room, 31);

        List<Long> seqs = new ArrayList<>();
        search(owner, word).get("items").forEach(item -> seqs.add(item.get("seq").asLong()));
        assertThat(seqs).containsExactlyElementsOf(LongStream.iterate(31, seq -> seq - 1).limit(30).boxed().toList());
    }

    /** No body holds a control character or an unpaired surrogate (MessageRules): in a query they only separate words. */
    @Test
    void charactersNoBodyCanHoldSeparateWordsOfTheQuery() throws Exception {
        kafka.createRoom(room, "public", owner);
        send(room, owner, "alpha " + word + " beta");

        assertThat(bodies(search(owner, "alpha\u0000" + word + "\u0001beta"))).containsExactly("alpha " + word + " beta");
        assertThat(bodies(search(owner, word + "\ud800"))).containsExactly("alpha " + word + " beta");
        assertThat(bodies(search(owner, "\u0000"))).isEmpty();
    }

    @Test
    void aQueryOutsideTheRulesIsRefusedFieldByField() throws Exception {
        expectInvalid("q", get("/api/search/messages").param("q", "x".repeat(201)));
        expectInvalid("q", get("/api/search/messages").param("q", ""));
        expectInvalid("cursor", get("/api/search/messages").param("q", word).param("cursor", "not-ours"));
        mvc.perform(get("/api/search/messages").header("Authorization", bearer(owner)))
                .andExpect(problem(400, "validation_failed"));
        mvc.perform(get("/api/search/messages").param("q", word).param("limit", "0").header("Authorization", bearer(owner)))
                .andExpect(problem(400, "validation_failed"));
        mvc.perform(get("/api/search/messages").param("q", word)).andExpect(problem(401, "unauthorized"));
    }

    /**
     * A search PostgreSQL cancels at its statement timeout is answered 503, saying how to narrow it; the same search
     * within the configured timeout is served. Twenty thousand matches in one room take far longer than 1 ms.
     */
    @Test
    void aSearchCanceledAtItsStatementTimeoutIsAnswered503() {
        jdbcClient.sql("""
                        insert into messages (id, room_id, seq, sender_id, client_msg_id, body, created_at)
                        select gen_random_uuid(), :room, g, :sender, 'bulk-' || g, :body || ' ' || g, now()
                        from generate_series(1, 20000) g""")
                .param("room", room).param("sender", owner).param("body", "bulk " + word).update();
        SearchQueries hurried = new SearchQueries(jdbcClient, transactions,
                new SearchProperties(Duration.ofMillis(1), Duration.ofSeconds(1)));

        assertThatThrownBy(() -> hurried.matches(word, List.of(room), null, 51))
                .isInstanceOfSatisfying(ApiException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(refused.code()).isEqualTo("service_unavailable");
                    assertThat(refused.getMessage()).contains("roomId");
                });
        assertThat(queries.matches(word, List.of(room), null, 51)).hasSize(51);
    }

    /**
     * The index's pending entries are merged off the send path ({@link SearchIndexMerger}, every second by default):
     * what sends add to the pending list is gone from it within seconds — long before an insert would find the list
     * past {@code gin_pending_list_limit} and merge it itself — and the words stay searchable. The pending list is
     * read off the index's metapage (pageinspect; the tests connect as the superuser).
     */
    @Test
    void sentMessagesLeaveTheIndexsPendingListWithinSecondsAndStaySearchable() throws Exception {
        jdbcClient.sql("create extension if not exists pageinspect").update();
        kafka.createRoom(room, "public", owner);
        for (int i = 0; i < 20; i++) {
            send(room, owner, "pending " + i + " " + word);
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbcClient
                .sql("select n_pending_tuples from gin_metapage_info(get_raw_page('messages_search_idx', 0))")
                .query(Long.class).single()).isZero());
        assertThat(bodies(search(owner, word))).hasSize(20);
    }

    /** A merge that fails — PostgreSQL away — does not end the merging: the next ones are tried. */
    @Test
    void aFailedMergeOfTheIndexIsFollowedByTheNext() {
        AtomicInteger asked = new AtomicInteger();
        DataSource failingFirst = new DelegatingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws SQLException {
                if (asked.getAndIncrement() == 0) {
                    throw new SQLException("Connection refused", "08001");
                }
                return super.getConnection();
            }
        };
        SearchIndexMerger merger = new SearchIndexMerger(JdbcClient.create(failingFirst),
                new SearchProperties(Duration.ofSeconds(5), Duration.ofMillis(50)));
        merger.start();
        try {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(asked).hasValueGreaterThan(3));
        } finally {
            merger.stop();
        }
        assertThat(merger.isRunning()).isFalse();
    }

    private void expectInvalid(String field, MockHttpServletRequestBuilder request) throws Exception {
        mvc.perform(request.header("Authorization", bearer(owner)))
                .andExpect(problem(400, "validation_failed"))
                .andExpect(jsonPath("$.errors[0].field").value(field));
    }

    private void send(UUID roomId, UUID sender, String body) throws Exception {
        String content = json.writeValueAsString(Map.of("clientMsgId", UUID.randomUUID().toString(), "body", body));
        mvc.perform(post("/api/rooms/{id}/messages", roomId).header("Authorization", bearer(sender))
                        .contentType(MediaType.APPLICATION_JSON).content(content))
                .andExpect(status().isCreated());
    }

    private JsonNode search(UUID caller, String q) throws Exception {
        return json.readTree(mvc.perform(get("/api/search/messages").param("q", q).header("Authorization", bearer(caller)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private JsonNode searchIn(UUID caller, String q, UUID roomId) throws Exception {
        return json.readTree(mvc.perform(get("/api/search/messages").param("q", q).param("roomId", roomId.toString())
                        .header("Authorization", bearer(caller)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private static List<String> bodies(JsonNode page) {
        List<String> bodies = new ArrayList<>();
        page.get("items").forEach(item -> bodies.add(item.get("body").asString()));
        return bodies;
    }
}
