package dev.parley.message.pipeline;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
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
     * Locks the rows of the rooms known to the projection, in id order: no deadlock. A room's row is created
     * by the first batch that writes to it, so usually one statement finds them all.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<UUID, RoomSequence> lock(Collection<UUID> roomIds) {
        if (roomIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, RoomSequence> locked = new HashMap<>(lockExisting(roomIds));
        List<UUID> missing = roomIds.stream().filter(room -> !locked.containsKey(room)).toList();
        if (!missing.isEmpty()) {
            jdbc.sql("""
                            insert into room_sequences (room_id, last_seq, version)
                            select room_id, 0, 0 from rooms where room_id = any(:rooms) order by room_id
                            on conflict (room_id) do nothing""")
                    .param("rooms", new SqlArrayValue("uuid", missing.toArray()))
                    .update();
            locked.putAll(lockExisting(missing));
        }
        return locked;
    }

    private Map<UUID, RoomSequence> lockExisting(Collection<UUID> roomIds) {
        return jdbc.sql("""
                        select room_id, last_seq, version from room_sequences where room_id = any(:rooms)
                        order by room_id for update""")
                .param("rooms", new SqlArrayValue("uuid", roomIds.toArray()))
                .query((rs, row) -> new RoomSequence(rs.getObject("room_id", UUID.class), rs.getLong("last_seq"),
                        rs.getLong("version")))
                .stream().collect(Collectors.toMap(RoomSequence::roomId, Function.identity()));
    }

    /** Writes every changed row back in one statement. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void save(List<RoomSequence> changed) {
        if (changed.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update room_sequences s set last_seq = c.last_seq, version = c.version
                        from unnest(:rooms, :lastSeqs, :versions) as c(room_id, last_seq, version)
                        where s.room_id = c.room_id""")
                .param("rooms", new SqlArrayValue("uuid", changed.stream().map(RoomSequence::roomId).toArray()))
                .param("lastSeqs", new SqlArrayValue("int8", changed.stream().map(RoomSequence::lastSeq).toArray()))
                .param("versions", new SqlArrayValue("int8",
                        changed.stream().map(RoomSequence::newVersion).toArray()))
                .update();
    }
}
