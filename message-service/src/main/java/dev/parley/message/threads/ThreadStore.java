package dev.parley.message.threads;

import dev.parley.message.sending.MessageRows;
import dev.parley.message.sending.MessageView;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A thread's root and replies in {@code messages}: a reply is a message whose {@code thread_root} is a seq. */
@Component
public class ThreadStore {

    private final JdbcClient jdbc;

    ThreadStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts a reply on its root, in the caller's transaction; the root as it is now. */
    public MessageView addReply(UUID roomId, long rootSeq, Instant repliedAt) {
        return jdbc.sql("update messages set reply_count = reply_count + 1, "
                        + "last_reply_at = greatest(last_reply_at, :at) where room_id = :room and seq = :seq "
                        + "returning " + MessageRows.COLUMNS)
                .param("at", OffsetDateTime.ofInstant(repliedAt, ZoneOffset.UTC))
                .param("room", roomId)
                .param("seq", rootSeq)
                .query(MessageRows::view)
                .single();
    }

    /** Up to {@code limit} replies after {@code afterSeq}, ascending by seq. */
    List<MessageView> replies(UUID roomId, long rootSeq, long afterSeq, int limit) {
        return jdbc.sql("select " + MessageRows.COLUMNS + " from messages where room_id = :room "
                        + "and thread_root = :root and seq > :after order by seq limit :limit")
                .param("room", roomId)
                .param("root", rootSeq)
                .param("after", afterSeq)
                .param("limit", limit)
                .query(MessageRows::view)
                .list();
    }
}
