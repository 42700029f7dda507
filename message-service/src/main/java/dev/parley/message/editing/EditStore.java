package dev.parley.message.editing;

import dev.parley.message.sending.MessageRows;
import dev.parley.message.sending.MessageView;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads and changes one message by (room, seq), on the (room_id, seq) index. */
@Component
public class EditStore {

    private final JdbcClient jdbc;

    EditStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<MessageView> find(UUID roomId, long seq) {
        return jdbc.sql("select " + MessageRows.COLUMNS + " from messages where room_id = :room and seq = :seq")
                .param("room", roomId).param("seq", seq)
                .query(MessageRows::view).optional();
    }

    public MessageView edit(UUID roomId, long seq, String body, Instant editedAt) {
        return jdbc.sql("update messages set body = :body, edited_at = :editedAt where room_id = :room and seq = :seq "
                        + "returning " + MessageRows.COLUMNS)
                .param("room", roomId).param("seq", seq).param("body", body)
                .param("editedAt", OffsetDateTime.ofInstant(editedAt, ZoneOffset.UTC))
                .query(MessageRows::view).single();
    }

    /** Leaves a tombstone: the seq keeps its place, the body is gone. */
    public MessageView delete(UUID roomId, long seq) {
        return jdbc.sql("update messages set deleted = true, body = '' where room_id = :room and seq = :seq "
                        + "returning " + MessageRows.COLUMNS)
                .param("room", roomId).param("seq", seq)
                .query(MessageRows::view).single();
    }
}
