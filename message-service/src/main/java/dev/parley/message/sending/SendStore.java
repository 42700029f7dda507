package dev.parley.message.sending;

import dev.parley.message.jdbc.Query;
import dev.parley.message.jdbc.RoundTrip;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/** Stored sends: found by their {@link SendKey} with the command that stored them, inserted a batch at a time. */
@Component
public class SendStore {

    /** UTC, with the fraction of a second the instant has (a send's is cut to the microseconds PostgreSQL keeps). */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_INSTANT;
    private static final String SELECT = "select " + MessageRows.COLUMNS + " from messages ";
    /** The same columns of {@code messages m}, beside the join's key columns of the same names. */
    private static final String SELECT_JOINED = "select " + MessageRows.COLUMNS.replaceAll("(\\w+)", "m.$1") + " ";

    private final JdbcClient jdbc;

    SendStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
    public Query<Map<SendKey, StoredSend>> findAll(Collection<SendKey> keys) {
        if (keys.isEmpty()) {
            return Query.answered(Map.of());
        }
        List<SendKey> distinct = List.copyOf(Set.copyOf(keys));
        // Exact triples: one lookup each in the (room_id, sender_id, client_msg_id) unique index, by a
        // statement whose text does not change with the number of keys (parsed and planned once).
        return Query.of(SELECT_JOINED + """
                        , m.command_id from unnest(?, ?, ?) as k(room_id, sender_id, client_msg_id)
                        join messages m on m.room_id = k.room_id and m.sender_id = k.sender_id
                         and m.client_msg_id = k.client_msg_id""",
                List.of(new SqlArrayValue("uuid", distinct.stream().map(SendKey::roomId).toArray()),
                        new SqlArrayValue("uuid", distinct.stream().map(SendKey::senderId).toArray()),
                        new SqlArrayValue("varchar", distinct.stream().map(SendKey::clientMsgId).toArray())),
                rows -> {
                    Map<SendKey, StoredSend> stored = new HashMap<>();
                    for (int row = 0; rows.next(); row++) {
                        MessageView message = MessageRows.view(rows, row);
                        stored.put(new SendKey(message.roomId(), message.senderId(), message.clientMsgId()),
                                new StoredSend(message, rows.getObject("command_id", UUID.class)));
                    }
                    return stored;
                });
    }

    /**
     * The statements that insert these messages and their mentions, for a {@link RoundTrip} in the caller's
     * transaction: one statement for any number of messages (arrays, {@code unnest}), so its text never changes.
     */
    public List<Query<Integer>> insertAll(List<StoredSend> sends) {
        if (sends.isEmpty()) {
            return List.of();
        }
        List<MessageView> messages = sends.stream().map(StoredSend::message).toList();
        List<Query<Integer>> inserts = new ArrayList<>(2);
        inserts.add(Query.update("""
                        insert into messages (id, room_id, seq, sender_id, client_msg_id, body, created_at, thread_root,
                                              mentions, attachments, command_id)
                        select id, room_id, seq, sender_id, client_msg_id, body, created_at::timestamptz, thread_root,
                               mentions::uuid[], attachments::jsonb, command_id
                        from unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) as m(id, room_id, seq, sender_id, client_msg_id, body,
                                                                         created_at, thread_root, mentions, attachments,
                                                                         command_id)""",
                List.of(array("uuid", messages, MessageView::id), array("uuid", messages, MessageView::roomId),
                        array("int8", messages, MessageView::seq), array("uuid", messages, MessageView::senderId),
                        array("varchar", messages, MessageView::clientMsgId), array("text", messages, MessageView::body),
                        array("text", messages, message -> TIMESTAMP.format(message.createdAt())),
                        array("int8", messages, MessageView::threadRoot),
                        // a uuid[] per message: as the array's text, since unnest cannot take arrays of uneven length
                        array("text", messages, message -> message.mentions().stream().map(UUID::toString)
                                .collect(Collectors.joining(",", "{", "}"))),
                        array("text", messages, message -> MessageRows.json(message.attachments())),
                        new SqlArrayValue("uuid", sends.stream().map(StoredSend::commandId).toArray()))));
        List<Object[]> mentions = messages.stream()
                .flatMap(message -> message.mentions().stream()
                        .map(user -> new Object[] {user, message.id(), message.roomId(), message.seq()}))
                .toList();
        if (!mentions.isEmpty()) {
            inserts.add(Query.update("""
                            insert into message_mentions (user_id, message_id, room_id, seq)
                            select * from unnest(?, ?, ?, ?)""",
                    List.of(new SqlArrayValue("uuid", mentions.stream().map(row -> row[0]).toArray()),
                            new SqlArrayValue("uuid", mentions.stream().map(row -> row[1]).toArray()),
                            new SqlArrayValue("uuid", mentions.stream().map(row -> row[2]).toArray()),
                            new SqlArrayValue("int8", mentions.stream().map(row -> row[3]).toArray()))));
        }
        return inserts;
    }

    private static SqlArrayValue array(String type, List<MessageView> messages, Function<MessageView, Object> column) {
        return new SqlArrayValue(type, messages.stream().map(column).toArray());
    }
}
