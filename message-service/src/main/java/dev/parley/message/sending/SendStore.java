package dev.parley.message.sending;

import dev.parley.message.jdbc.Query;
import dev.parley.message.jdbc.RoundTrip;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/** Stored sends: found by their {@link SendKey}, inserted a batch at a time. */
@Component
public class SendStore {

    private static final String SELECT = "select " + MessageRows.COLUMNS + " from messages ";
    /** The same columns of {@code messages m}, beside the join's key columns of the same names. */
    private static final String SELECT_JOINED = "select " + MessageRows.COLUMNS.replaceAll("(\\w+)", "m.$1") + " ";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    SendStore(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    public Optional<MessageView> find(SendKey key) {
        return jdbc.sql(SELECT + "where room_id = :room and sender_id = :sender and client_msg_id = :clientMsgId")
                .param("room", key.roomId())
                .param("sender", key.senderId())
                .param("clientMsgId", key.clientMsgId())
                .query(MessageRows::view)
                .optional();
    }

    /** The messages already stored for any of these keys, as one query of a {@link RoundTrip}. */
    public Query<Map<SendKey, MessageView>> findAll(Collection<SendKey> keys) {
        if (keys.isEmpty()) {
            return Query.answered(Map.of());
        }
        List<SendKey> distinct = List.copyOf(Set.copyOf(keys));
        // Exact triples: one lookup each in the (room_id, sender_id, client_msg_id) unique index, by a
        // statement whose text does not change with the number of keys (parsed and planned once).
        return Query.of(SELECT_JOINED + """
                        from unnest(?, ?, ?) as k(room_id, sender_id, client_msg_id)
                        join messages m on m.room_id = k.room_id and m.sender_id = k.sender_id
                         and m.client_msg_id = k.client_msg_id""",
                List.of(new SqlArrayValue("uuid", distinct.stream().map(SendKey::roomId).toArray()),
                        new SqlArrayValue("uuid", distinct.stream().map(SendKey::senderId).toArray()),
                        new SqlArrayValue("varchar", distinct.stream().map(SendKey::clientMsgId).toArray())),
                rows -> {
                    Map<SendKey, MessageView> stored = new HashMap<>();
                    for (int row = 0; rows.next(); row++) {
                        MessageView message = MessageRows.view(rows, row);
                        stored.put(new SendKey(message.roomId(), message.senderId(), message.clientMsgId()), message);
                    }
                    return stored;
                });
    }

    /** One JDBC batch (rewritten by the driver into multi-row inserts), in the caller's transaction. */
    public void insertAll(List<MessageView> messages) {
        if (messages.isEmpty()) {
            return;
        }
        batch.batchUpdate("""
                insert into messages (id, room_id, seq, sender_id, client_msg_id, body, created_at, thread_root,
                                      mentions, attachments)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""", new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                MessageView message = messages.get(i);
                ps.setObject(1, message.id());
                ps.setObject(2, message.roomId());
                ps.setLong(3, message.seq());
                ps.setObject(4, message.senderId());
                ps.setString(5, message.clientMsgId());
                ps.setString(6, message.body());
                ps.setObject(7, OffsetDateTime.ofInstant(message.createdAt(), ZoneOffset.UTC));
                ps.setObject(8, message.threadRoot(), Types.BIGINT);
                ps.setArray(9, ps.getConnection().createArrayOf("uuid", message.mentions().toArray()));
                ps.setString(10, MessageRows.json(message.attachments()));
            }

            @Override
            public int getBatchSize() {
                return messages.size();
            }
        });
        List<Object[]> mentions = messages.stream()
                .flatMap(message -> message.mentions().stream()
                        .map(user -> new Object[] {user, message.id(), message.roomId(), message.seq()}))
                .toList();
        if (!mentions.isEmpty()) {
            batch.batchUpdate("insert into message_mentions (user_id, message_id, room_id, seq) values (?, ?, ?, ?)",
                    mentions);
        }
    }
}
