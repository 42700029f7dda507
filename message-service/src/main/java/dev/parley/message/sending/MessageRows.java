package dev.parley.message.sending;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

/** How a row of {@code messages} reads as the contract's Message: the one mapping of that table. */
public final class MessageRows {

    /** The columns {@link #view} reads, for {@code select … from messages}. */
    public static final String COLUMNS = "id, room_id, seq, sender_id, client_msg_id, body, created_at, edited_at, deleted";

    private MessageRows() {
    }

    public static MessageView view(ResultSet rs, int row) throws SQLException {
        boolean deleted = rs.getBoolean("deleted");
        OffsetDateTime editedAt = rs.getObject("edited_at", OffsetDateTime.class);
        return new MessageView(rs.getObject("id", UUID.class), rs.getObject("room_id", UUID.class),
                rs.getLong("seq"), rs.getObject("sender_id", UUID.class), rs.getString("client_msg_id"),
                deleted ? "" : rs.getString("body"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                editedAt == null ? null : editedAt.toInstant(), deleted);
    }
}
