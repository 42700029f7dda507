package dev.parley.message.sending;

import dev.parley.events.message.Attachment;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** How a row of {@code messages} reads as the contract's Message: the one mapping of that table. */
public final class MessageRows {

    /** The columns {@link #view} reads, for {@code select … from messages}. */
    public static final String COLUMNS = "id, room_id, seq, sender_id, client_msg_id, body, created_at, edited_at, "
            + "deleted, thread_root, reply_count, last_reply_at, reactions, mentions, attachments";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<MessageView.Reaction>> REACTIONS = new TypeReference<>() {
    };
    private static final TypeReference<List<Attachment>> ATTACHMENTS = new TypeReference<>() {
    };

    private MessageRows() {
    }

    public static MessageView view(ResultSet rs, int row) throws SQLException {
        boolean deleted = rs.getBoolean("deleted");
        OffsetDateTime editedAt = rs.getObject("edited_at", OffsetDateTime.class);
        long threadRoot = rs.getLong("thread_root");
        boolean inThread = !rs.wasNull();
        OffsetDateTime lastReplyAt = rs.getObject("last_reply_at", OffsetDateTime.class);
        return new MessageView(rs.getObject("id", UUID.class), rs.getObject("room_id", UUID.class),
                rs.getLong("seq"), rs.getObject("sender_id", UUID.class), rs.getString("client_msg_id"),
                deleted ? "" : rs.getString("body"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                editedAt == null ? null : editedAt.toInstant(), deleted, inThread ? threadRoot : null,
                rs.getInt("reply_count"), lastReplyAt == null ? null : lastReplyAt.toInstant(),
                deleted ? List.of() : JSON.readValue(rs.getString("reactions"), REACTIONS),
                deleted ? List.of() : uuids(rs.getArray("mentions")),
                deleted ? List.of() : JSON.readValue(rs.getString("attachments"), ATTACHMENTS));
    }

    /** A JSON column's value, as the statements that write {@code reactions} and {@code attachments} bind it. */
    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    private static List<UUID> uuids(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((UUID[]) array.getArray());
    }
}
