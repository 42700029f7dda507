package dev.parley.message.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.parley.message.IntegrationTestSupport;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * The search index's pending entries are merged off the send path ({@link SearchIndexMerger}, every second in the
 * test profile as by default): what sends add to the pending list is gone from it within seconds, long before an
 * insert would find the list past {@code gin_pending_list_limit} and merge it itself, and the words stay searchable.
 * The pending list is read off the index's metapage (pageinspect; the tests connect as the superuser).
 */
class SearchIndexMergerTests extends IntegrationTestSupport {

    private final UUID owner = UUID.randomUUID();
    private final UUID room = UUID.randomUUID();
    private final String word = "m" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    @Test
    void sentMessagesLeaveTheIndexsPendingListWithinSecondsAndStaySearchable() throws Exception {
        jdbc.sql("create extension if not exists pageinspect").update();
        kafka.createRoom(room, "public", owner);
        for (int i = 0; i < 20; i++) {
            send("message " + i + " " + word);
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(pendingTuples()).isZero());
        mvc.perform(get("/api/search/messages").param("q", word).header("Authorization", bearer(owner)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(20));
    }

    /** A merge that fails — PostgreSQL away — does not end the merging: the next ones are tried. */
    @Test
    void aFailedMergeIsFollowedByTheNext() {
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

    private long pendingTuples() {
        return jdbc.sql("select n_pending_tuples from gin_metapage_info(get_raw_page('messages_search_idx', 0))")
                .query(Long.class).single();
    }

    private void send(String body) throws Exception {
        String content = json.writeValueAsString(Map.of("clientMsgId", UUID.randomUUID().toString(), "body", body));
        mvc.perform(post("/api/rooms/{id}/messages", room).header("Authorization", bearer(owner))
                        .contentType(MediaType.APPLICATION_JSON).content(content))
                .andExpect(status().isCreated());
    }
}
