package dev.parley.message.sending;

import dev.parley.events.message.SendMessage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Persists sends exactly once per (room, sender, clientMsgId). */
@Component
class MessageStore {

    private final JdbcClient jdbc;
    private final MessageSequencer sequencer;
    private final TransactionTemplate transaction;

    MessageStore(JdbcClient jdbc, MessageSequencer sequencer, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.sequencer = sequencer;
        this.transaction = transaction;
    }

    Optional<StoredMessage> find(UUID roomId, UUID senderId, String clientMsgId) {
        return jdbc.sql("""
                        select id, room_id, seq, sender_id, client_msg_id, body, created_at from messages
                        where room_id = :room and sender_id = :sender and client_msg_id = :clientMsgId""")
                .param("room", roomId)
                .param("sender", senderId)
                .param("clientMsgId", clientMsgId)
                .query(MessageStore::stored)
                .optional();
    }

    /** The message of this send: the one stored earlier for the same clientMsgId, or a new one with the next seq. */
    StoredMessage storeOnce(SendMessage command) {
        try {
            return transaction.execute(status -> find(command.roomId(), command.senderId(), command.clientMsgId())
                    .orElseGet(() -> insert(command, sequencer.next(command.roomId()))));
        } catch (DuplicateKeyException e) {
            // A concurrent delivery of the same send committed first; our rollback returned the seq.
            return find(command.roomId(), command.senderId(), command.clientMsgId()).orElseThrow(() -> e);
        }
    }

    private StoredMessage insert(SendMessage command, long seq) {
        // PostgreSQL keeps microseconds: the event and later reads must show the same instant.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        StoredMessage message = new StoredMessage(UUID.randomUUID(), command.roomId(), seq, command.senderId(),
                command.clientMsgId(), command.body(), now);
        jdbc.sql("""
                        insert into messages (id, room_id, seq, sender_id, client_msg_id, body, created_at)
                        values (:id, :room, :seq, :sender, :clientMsgId, :body, :createdAt)""")
                .param("id", message.id())
                .param("room", message.roomId())
                .param("seq", message.seq())
                .param("sender", message.senderId())
                .param("clientMsgId", message.clientMsgId())
                .param("body", message.body())
                .param("createdAt", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .update();
        return message;
    }

    private static StoredMessage stored(ResultSet rs, int row) throws SQLException {
        return new StoredMessage(rs.getObject("id", UUID.class), rs.getObject("room_id", UUID.class),
                rs.getLong("seq"), rs.getObject("sender_id", UUID.class), rs.getString("client_msg_id"),
                rs.getString("body"), rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
