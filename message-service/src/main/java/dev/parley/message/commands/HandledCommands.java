package dev.parley.message.commands;

import dev.parley.events.ErrorCode;
import dev.parley.events.EventCodec;
import dev.parley.events.message.MessageEvent;
import dev.parley.message.commands.HandledCommand.Outcome;
import dev.parley.message.jdbc.Expectation;
import dev.parley.message.jdbc.Query;
import dev.parley.message.jdbc.RoundTrip;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/** The {@code handled_commands} table: written by the command consumer, read by it and by HTTP waiters. */
@Component
public class HandledCommands {

    private static final String SELECT = "select command_id, room_id, outcome, reason, event_type, event "
            + "from handled_commands ";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final EventCodec codec;

    HandledCommands(JdbcClient jdbc, JdbcTemplate batch, EventCodec codec) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.codec = codec;
    }

    /** Those of these commands handled before, as one query of a {@link RoundTrip}. */
    public Query<Map<UUID, HandledCommand>> find(Collection<UUID> commandIds) {
        if (commandIds.isEmpty()) {
            return Query.answered(Map.of());
        }
        return Query.of(SELECT + "where command_id = any(?)",
                List.of(new SqlArrayValue("uuid", commandIds.stream().distinct().toArray())), rows -> {
                    Map<UUID, HandledCommand> handled = new HashMap<>();
                    for (int row = 0; rows.next(); row++) {
                        HandledCommand command = handled(rows, row);
                        handled.put(command.commandId(), command);
                    }
                    return handled;
                });
    }

    public Optional<HandledCommand> find(UUID commandId) {
        return jdbc.sql(SELECT + "where command_id = :id").param("id", commandId).query(this::handled).optional();
    }

    /** Asserts, in the caller's transaction, that none of these commands was handled before. */
    public Query<Boolean> expectNone(Collection<UUID> commandIds) {
        return Expectation.that("not exists (select 1 from handled_commands where command_id = any(?))",
                List.of(new SqlArrayValue("uuid", commandIds.toArray())), "handled commands");
    }

    /** Inserts them all in one JDBC batch, in the caller's transaction. */
    public void record(List<HandledCommand> handled) {
        if (handled.isEmpty()) {
            return;
        }
        batch.batchUpdate("""
                insert into handled_commands (command_id, room_id, outcome, reason, event_type, event)
                values (?, ?, ?, ?, ?, ?)""", new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                HandledCommand command = handled.get(i);
                ps.setObject(1, command.commandId());
                ps.setObject(2, command.roomId());
                ps.setString(3, command.outcome().name().toLowerCase(Locale.ROOT));
                ps.setString(4, command.reason() == null ? null : command.reason().wireName());
                if (command.event() == null) {
                    ps.setNull(5, Types.VARCHAR);
                    ps.setNull(6, Types.BINARY);
                } else {
                    ps.setString(5, EventCodec.eventType(command.event()));
                    ps.setBytes(6, codec.encode(command.event()));
                }
            }

            @Override
            public int getBatchSize() {
                return handled.size();
            }
        });
    }

    /**
     * Forgets up to {@code limit} of the commands handled before {@code before}, oldest first: they can no longer be
     * redelivered. Rows another instance's purge holds are skipped, not waited for.
     *
     * @return how many it forgot; fewer than {@code limit} when no more were there to take
     */
    public int purgeBefore(Instant before, int limit) {
        return jdbc.sql("""
                        delete from handled_commands where command_id in (
                            select command_id from handled_commands
                            where handled_at < :before
                            order by handled_at
                            limit :limit
                            for update skip locked)""")
                .param("before", OffsetDateTime.ofInstant(before, ZoneOffset.UTC))
                .param("limit", limit)
                .update();
    }

    private HandledCommand handled(ResultSet rs, int row) throws SQLException {
        String eventType = rs.getString("event_type");
        MessageEvent event = eventType == null ? null
                : codec.decode(eventType, rs.getBytes("event"), MessageEvent.class);
        return new HandledCommand(rs.getObject("command_id", UUID.class), rs.getObject("room_id", UUID.class),
                Outcome.valueOf(rs.getString("outcome").toUpperCase(Locale.ROOT)), reason(rs.getString("reason")),
                event);
    }

    /** A code only a newer version knows (written during a rolling deploy) is answered over HTTP as internal. */
    private static ErrorCode reason(String wireName) {
        return wireName == null ? null : ErrorCode.ofWireName(wireName).orElse(ErrorCode.INTERNAL);
    }
}
