package dev.parley.message.pipeline;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
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
    private final JdbcTemplate batch;

    RoomSequences(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** Locks the rows of the rooms known to the projection (creating missing ones), in id order: no deadlock. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<UUID, RoomSequence> lock(Collection<UUID> roomIds) {
        if (roomIds.isEmpty()) {
            return Map.of();
        }
        jdbc.sql("""
                        insert into room_sequences (room_id, last_seq, version)
                        select room_id, 0, 0 from rooms where room_id in (:rooms) order by room_id
                        on conflict (room_id) do nothing""")
                .param("rooms", roomIds)
                .update();
        return jdbc.sql("""
                        select room_id, last_seq, version from room_sequences where room_id in (:rooms)
                        order by room_id for update""")
                .param("rooms", roomIds)
                .query((rs, row) -> new RoomSequence(rs.getObject("room_id", UUID.class), rs.getLong("last_seq"),
                        rs.getLong("version")))
                .stream().collect(Collectors.toMap(RoomSequence::roomId, Function.identity()));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void save(List<RoomSequence> changed) {
        if (changed.isEmpty()) {
            return;
        }
        batch.batchUpdate("update room_sequences set last_seq = ?, version = ? where room_id = ?",
                new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                        ps.setLong(1, changed.get(i).lastSeq());
                        ps.setLong(2, changed.get(i).newVersion());
                        ps.setObject(3, changed.get(i).roomId());
                    }

                    @Override
                    public int getBatchSize() {
                        return changed.size();
                    }
                });
    }
}
