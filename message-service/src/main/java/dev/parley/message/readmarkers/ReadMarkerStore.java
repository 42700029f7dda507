package dev.parley.message.readmarkers;

import dev.parley.message.rooms.RoomUser;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Read markers, and the unread counts derived from them. */
@Component
public class ReadMarkerStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    ReadMarkerStore(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    public long find(RoomUser pair) {
        return findAll(List.of(pair)).getOrDefault(pair, 0L);
    }

    /** The markers of these pairs that exist, in one query. */
    public Map<RoomUser, Long> findAll(Collection<RoomUser> pairs) {
        Map<RoomUser, Long> markers = new HashMap<>();
        if (pairs.isEmpty()) {
            return markers;
        }
        Set<RoomUser> wanted = Set.copyOf(pairs);
        jdbc.sql("select user_id, room_id, read_seq from read_markers where user_id in (:users) and room_id in (:rooms)")
                .param("users", pairs.stream().map(RoomUser::userId).collect(Collectors.toSet()))
                .param("rooms", pairs.stream().map(RoomUser::roomId).collect(Collectors.toSet()))
                .query(rs -> {
                    RoomUser pair = new RoomUser(rs.getObject("room_id", UUID.class), rs.getObject("user_id", UUID.class));
                    if (wanted.contains(pair)) {
                        markers.put(pair, rs.getLong("read_seq"));
                    }
                });
        return markers;
    }

    /** Moves the markers forward (never back, whatever a concurrent writer did), in one JDBC batch. */
    public void saveAll(Map<RoomUser, Long> markers) {
        if (markers.isEmpty()) {
            return;
        }
        List<Map.Entry<RoomUser, Long>> entries = new ArrayList<>(markers.entrySet());
        batch.batchUpdate("""
                insert into read_markers (user_id, room_id, read_seq) values (?, ?, ?)
                on conflict (user_id, room_id) do update set read_seq = greatest(read_markers.read_seq, excluded.read_seq)""",
                new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                        ps.setObject(1, entries.get(i).getKey().userId());
                        ps.setObject(2, entries.get(i).getKey().roomId());
                        ps.setLong(3, entries.get(i).getValue());
                    }

                    @Override
                    public int getBatchSize() {
                        return entries.size();
                    }
                });
    }

    /**
     * Every room the user is a member of: from their memberships, one primary-key lookup per room, and the
     * unread messages that mention them (an index range per room, usually empty).
     */
    List<UnreadRoom> unread(UUID userId) {
        return jdbc.sql("""
                        select m.room_id, coalesce(s.last_seq, 0) as last_seq, coalesce(r.read_seq, 0) as read_seq,
                               (select count(*) from message_mentions mm
                                  join messages msg on msg.id = mm.message_id and not msg.deleted
                                 where mm.user_id = m.user_id and mm.room_id = m.room_id
                                   and mm.seq > coalesce(r.read_seq, 0)) as mentions
                        from room_members m
                        join rooms ro on ro.room_id = m.room_id and not ro.deleted
                        left join room_sequences s on s.room_id = m.room_id
                        left join read_markers r on r.user_id = m.user_id and r.room_id = m.room_id
                        where m.user_id = :user
                        order by m.room_id""")
                .param("user", userId)
                .query((rs, row) -> UnreadRoom.of(rs.getObject("room_id", UUID.class), rs.getLong("last_seq"),
                        rs.getLong("read_seq"), rs.getLong("mentions")))
                .list();
    }
}
