package dev.parley.message.history;

import dev.parley.message.sending.MessageRows;
import dev.parley.message.sending.MessageView;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Keyset reads of a room's messages on the (room_id, seq) index. Each returns at most {@code max} rows. */
@Component
class HistoryQueries {

    private static final String SELECT = "select " + MessageRows.COLUMNS + " from messages ";

    private final JdbcClient jdbc;

    HistoryQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The room's last seq and history version (0 and 0 before its first message). */
    RoomHead head(UUID roomId) {
        return jdbc.sql("select last_seq, version from room_sequences where room_id = :room")
                .param("room", roomId)
                .query((rs, row) -> new RoomHead(rs.getLong("last_seq"), rs.getLong("version")))
                .optional()
                .orElse(RoomHead.EMPTY);
    }

    /**
     * The newest {@code size} messages, ascending, with the head they belong to: one statement, so one
     * snapshot — what the cache is filled from.
     */
    RecentWindow window(UUID roomId, int size) {
        List<MessageView> messages = new ArrayList<>();
        RoomHead[] head = {RoomHead.EMPTY};
        jdbc.sql("""
                        with head as (select last_seq, version from room_sequences where room_id = :room)
                        select h.last_seq as head_seq, h.version as head_version, m.*
                        from head h
                        left join messages m on m.room_id = :room and m.seq > h.last_seq - :size
                        order by m.seq""")
                .param("room", roomId)
                .param("size", size)
                .query(rs -> {
                    head[0] = new RoomHead(rs.getLong("head_seq"), rs.getLong("head_version"));
                    if (rs.getObject("id") != null) {
                        messages.add(MessageRows.view(rs, 0));
                    }
                });
        return new RecentWindow(head[0], messages);
    }

    /** Newest first. */
    List<MessageView> latest(UUID roomId, int max) {
        return jdbc.sql(SELECT + "where room_id = :room order by seq desc limit :max")
                .param("room", roomId).param("max", max)
                .query(MessageRows::view).list();
    }

    /** Newest first. */
    List<MessageView> below(UUID roomId, long seq, int max) {
        return jdbc.sql(SELECT + "where room_id = :room and seq < :seq order by seq desc limit :max")
                .param("room", roomId).param("seq", seq).param("max", max)
                .query(MessageRows::view).list();
    }

    /** Oldest first, {@code seq} included. */
    List<MessageView> from(UUID roomId, long seq, int max) {
        return jdbc.sql(SELECT + "where room_id = :room and seq >= :seq order by seq limit :max")
                .param("room", roomId).param("seq", seq).param("max", max)
                .query(MessageRows::view).list();
    }

    /** The newest messages of a room as of {@code head}. */
    record RecentWindow(RoomHead head, List<MessageView> messages) {
    }
}
