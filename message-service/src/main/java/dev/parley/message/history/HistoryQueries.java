package dev.parley.message.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Keyset reads of a room's messages on the (room_id, seq) index. Each returns at most {@code max} rows. */
@Component
class HistoryQueries {

    private static final String COLUMNS =
            "select id, room_id, seq, sender_id, client_msg_id, body, created_at, edited_at, deleted from messages ";

    private final JdbcClient jdbc;

    HistoryQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Newest first. */
    List<MessageView> latest(UUID roomId, int max) {
        return jdbc.sql(COLUMNS + "where room_id = :room order by seq desc limit :max")
                .param("room", roomId).param("max", max)
                .query(HistoryQueries::view).list();
    }

    /** Newest first. */
    List<MessageView> below(UUID roomId, long seq, int max) {
        return jdbc.sql(COLUMNS + "where room_id = :room and seq < :seq order by seq desc limit :max")
                .param("room", roomId).param("seq", seq).param("max", max)
                .query(HistoryQueries::view).list();
    }

    /** Oldest first, {@code seq} included. */
    List<MessageView> from(UUID roomId, long seq, int max) {
        return jdbc.sql(COLUMNS + "where room_id = :room and seq >= :seq order by seq limit :max")
                .param("room", roomId).param("seq", seq).param("max", max)
                .query(HistoryQueries::view).list();
    }

    private static MessageView view(ResultSet rs, int row) throws SQLException {
        boolean deleted = rs.getBoolean("deleted");
        OffsetDateTime editedAt = rs.getObject("edited_at", OffsetDateTime.class);
        return new MessageView(rs.getObject("id", UUID.class), rs.getObject("room_id", UUID.class),
                rs.getLong("seq"), rs.getObject("sender_id", UUID.class), rs.getString("client_msg_id"),
                deleted ? "" : rs.getString("body"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                editedAt == null ? null : editedAt.toInstant(), deleted);
    }
}
