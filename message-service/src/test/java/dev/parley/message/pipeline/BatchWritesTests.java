package dev.parley.message.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.message.MessageCommand;
import dev.parley.events.message.MessagePosted;
import dev.parley.events.message.SendMessage;
import dev.parley.message.IntegrationTestSupport;
import dev.parley.message.TestKafka;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A batch's sends are inserted as arrays, with the rooms' sequences, in one round trip: every value as sent. */
class BatchWritesTests extends IntegrationTestSupport {

    @Autowired
    CommandBatchProcessor processor;

    @Autowired
    JdbcClient jdbc;

    private final UUID roomId = UUID.randomUUID();
    private final UUID owner = UUID.randomUUID();

    @Test
    void bodiesThatLookLikeArrayTextAreStoredAsSentWithTheirSeqsAndInstants() {
        kafka.createRoom(roomId, "private", owner);
        List<String> bodies = List.of("say \"hi\" \\ {a,b}", "NULL", "🎉 two\nlines, 'quoted'", "{}");
        List<MessageCommand> sends = bodies.stream().<MessageCommand>map(body -> new SendMessage(UUID.randomUUID(), roomId, owner,
                "c-" + bodies.indexOf(body), body, Instant.now(), TestKafka.ORIGIN)).toList();

        processor.process(sends);

        List<MessagePosted> posted = kafka.awaitPosted(roomId, bodies.size());
        record Row(long seq, String body, Instant createdAt, String mentions, String attachments) {
        }
        List<Row> rows = jdbc.sql("""
                        select seq, body, created_at, mentions::text, attachments::text from messages
                        where room_id = :room order by seq""")
                .param("room", roomId)
                .query((rs, row) -> new Row(rs.getLong("seq"), rs.getString("body"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("mentions"),
                        rs.getString("attachments")))
                .list();
        assertThat(rows).hasSize(bodies.size());
        for (int i = 0; i < bodies.size(); i++) {
            assertThat(rows.get(i).seq()).isEqualTo(i + 1);
            assertThat(rows.get(i).body()).isEqualTo(bodies.get(i));
            assertThat(rows.get(i).createdAt()).isEqualTo(posted.get(i).createdAt());
            assertThat(rows.get(i).mentions()).isEqualTo("{}");
            assertThat(rows.get(i).attachments()).isEqualTo("[]");
        }
        assertThat(jdbc.sql("select last_seq from room_sequences where room_id = :room").param("room", roomId)
                .query(Long.class).single()).isEqualTo(bodies.size());
    }
}
