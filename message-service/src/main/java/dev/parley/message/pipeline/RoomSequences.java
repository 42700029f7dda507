package dev.parley.message.pipeline;

import dev.parley.message.jdbc.Expectation;
import dev.parley.message.jdbc.Query;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The per-room sequence rows. Locking them is what makes writers of one room safe however many there are
 * (two instances during a rebalance, a zombie still writing a revoked partition's batch): the second
 * waits for the first to commit, then sees its messages and continues after its last seq.
 */
@Component
class RoomSequences {

    private final JdbcClient jdbc;

    RoomSequences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks the rows of these rooms, in id order: no deadlock. A room known to the projection gets its row from
     * the first batch that writes to it ({@link #createRows}); until then it is missing from the answer.
     */
    Query<Map<UUID, RoomSequence>> lock(Collection<UUID> roomIds) {
        if (roomIds.isEmpty()) {
            return Query.answered(Map.of());
        }
        return Query.of("select room_id, last_seq, version from room_sequences where room_id = any(?) "
                        + "order by room_id for update",
                List.of(new SqlArrayValue("uuid", roomIds.toArray())), rows -> {
                    Map<UUID, RoomSequence> locked = new HashMap<>();
                    while (rows.next()) {
                        UUID room = rows.getObject("room_id", UUID.class);
                        locked.put(room, new RoomSequence(room, rows.getLong("last_seq"), rows.getLong("version")));
                    }
                    return locked;
                });
    }

    /**
     * Locks the rows of these rooms as {@link #lock} does, asserting that each is as given — the same last seq and
     * version, so that nobody wrote to the room since — or failing the transaction
     * ({@link dev.parley.message.jdbc.Expectation}).
     */
    Query<Boolean> expect(Collection<RoomSequence> rooms) {
        List<RoomSequence> expected = List.copyOf(rooms);
        Object[] ids = expected.stream().map(RoomSequence::roomId).toArray();
        return Expectation.that("""
                        select count(*) = ? and bool_and(s.last_seq = e.last_seq and s.version = e.version)
                        from (select room_id, last_seq, version from room_sequences where room_id = any(?)
                              order by room_id for update) s
                        join unnest(?, ?, ?) as e(room_id, last_seq, version) using (room_id)""",
                List.of(expected.size(), new SqlArrayValue("uuid", ids), new SqlArrayValue("uuid", ids),
                        new SqlArrayValue("int8", expected.stream().map(RoomSequence::lastSeq).toArray()),
                        new SqlArrayValue("int8", expected.stream().map(RoomSequence::lockedVersion).toArray())),
                "room sequences");
    }

    /** The rows of those of these rooms the projection knows, in the caller's transaction; existing ones stay. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void createRows(Collection<UUID> roomIds) {
        jdbc.sql("""
                        insert into room_sequences (room_id, last_seq, version)
                        select room_id, 0, 0 from rooms where room_id = any(:rooms) order by room_id
                        on conflict (room_id) do nothing""")
                .param("rooms", new SqlArrayValue("uuid", roomIds.toArray()))
                .update();
    }

    /**
     * Writes rows back by key. The text is the same for any number of rows, so PostgreSQL plans it once per
     * connection, for a guessed ten; joined on {@code room_id} alone, a table of one to two thousand rooms then
     * looked cheaper to scan whole and hash than to look up ten times, and every batch read every room's row
     * (docs/performance.md). The {@code = any(…)} of the same ids (the first and last parameters) makes the table's
     * side an index lookup whatever its size or statistics.
     */
    static final String SAVE = """
            update room_sequences s set last_seq = c.last_seq, version = c.version
            from unnest(?, ?, ?) as c(room_id, last_seq, version)
            where s.room_id = c.room_id and s.room_id = any(?)""";

    /** Writes every changed row back, as one statement of a round trip in the caller's transaction. */
    Query<Integer> save(List<RoomSequence> changed) {
        if (changed.isEmpty()) {
            return Query.answered(0);
        }
        Object[] rooms = changed.stream().map(RoomSequence::roomId).toArray();
        return Query.update(SAVE, List.of(new SqlArrayValue("uuid", rooms),
                new SqlArrayValue("int8", changed.stream().map(RoomSequence::lastSeq).toArray()),
                new SqlArrayValue("int8", changed.stream().map(RoomSequence::newVersion).toArray()),
                new SqlArrayValue("uuid", rooms)));
    }
}
