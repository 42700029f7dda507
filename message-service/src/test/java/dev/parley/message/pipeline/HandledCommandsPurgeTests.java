package dev.parley.message.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.message.IntegrationTestSupport;
import dev.parley.message.commands.HandledCommands;
import dev.parley.message.events.MessageKafkaProperties;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Handled commands older than the command topic's retention go, a bounded batch per statement; younger ones stay. */
class HandledCommandsPurgeTests extends IntegrationTestSupport {

    private static final Instant LONG_AGO = Instant.parse("2000-01-01T00:00:00Z");

    private final UUID room = UUID.randomUUID();

    @Autowired
    JdbcClient jdbc;
    @Autowired
    HandledCommands handledCommands;
    @Autowired
    MessageKafkaProperties kafka;

    @Test
    void oneStatementForgetsAtMostItsLimitOldestFirst() {
        handled(25, LONG_AGO);
        handled(3, Instant.now().minus(Duration.ofHours(1)));

        int forgotten = handledCommands.purgeBefore(Instant.now().minus(kafka.commandsRetention()), 10);

        assertThat(forgotten).isEqualTo(10);
        assertThat(countOf(room, LONG_AGO.plusSeconds(3600))).as("old ones left").isEqualTo(15);
        assertThat(countOf(room, Instant.now())).as("all of the room's").isEqualTo(18);
        assertThat(jdbc.sql("select min(handled_at) from handled_commands where room_id = :room").param("room", room)
                .query(OffsetDateTime.class).single().toInstant()).isEqualTo(LONG_AGO.plusSeconds(10));
    }

    @Test
    void thePurgeGoesOnBatchAfterBatchUntilEveryOldCommandIsGoneAndKeepsTheYoungerOnes() {
        Instant retention = Instant.now().minus(kafka.commandsRetention());
        handled(25, LONG_AGO);
        handled(4, retention.minus(Duration.ofMinutes(5)));
        handled(3, retention.plus(Duration.ofMinutes(5)));
        handled(2, Instant.now());
        HandledCommandsPurge purge = new HandledCommandsPurge(handledCommands, kafka,
                new HandledCommandsPurgeProperties(10));

        int purged = purge.purge();

        assertThat(purged).isGreaterThanOrEqualTo(29);
        assertThat(countOf(room, retention)).as("older than the retention").isZero();
        assertThat(countOf(room, Instant.now().plusSeconds(1))).as("younger").isEqualTo(5);
    }

    /** {@code count} handled commands of the test's room, a second apart from {@code from} on. */
    private void handled(int count, Instant from) {
        jdbc.sql("""
                        insert into handled_commands (command_id, room_id, outcome, handled_at)
                        select gen_random_uuid(), :room, 'ignored', :from + make_interval(secs => n)
                        from generate_series(0, :count - 1) n""")
                .param("room", room)
                .param("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
                .param("count", count)
                .update();
    }

    private int countOf(UUID roomId, Instant before) {
        return jdbc.sql("select count(*) from handled_commands where room_id = :room and handled_at < :before")
                .param("room", roomId).param("before", OffsetDateTime.ofInstant(before, ZoneOffset.UTC))
                .query(Integer.class).single();
    }
}
