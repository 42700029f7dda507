package dev.parley.message.reactions;

import dev.parley.message.sending.MessageRows;
import dev.parley.message.sending.MessageView;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who reacted with what ({@code message_reactions}), and the summary kept on the message: each emoji with
 * its count, in the order the emoji were first used. Every change runs in the caller's transaction.
 */
@Component
public class ReactionStore {

    /** The summary of one message, from the rows; {@code me} is a reader's, so false here. */
    private static final String SUMMARIZE = """
            update messages set reactions = coalesce((
                select jsonb_agg(jsonb_build_object('emoji', emoji, 'count', n, 'me', false) order by first, emoji)
                  from (select emoji, count(*) as n, min(reacted_at) as first from message_reactions
                         where room_id = :room and seq = :seq group by emoji) summary), '[]'::jsonb)
             where room_id = :room and seq = :seq
            returning\s""" + MessageRows.COLUMNS;

    private final JdbcClient jdbc;

    ReactionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return whether the reaction is new (false: it was there already) */
    public boolean add(UUID roomId, long seq, String emoji, UUID userId, Instant at) {
        return jdbc.sql("insert into message_reactions (room_id, seq, emoji, user_id, reacted_at) "
                        + "values (:room, :seq, :emoji, :user, :at) on conflict do nothing")
                .param("room", roomId)
                .param("seq", seq)
                .param("emoji", emoji)
                .param("user", userId)
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .update() == 1;
    }

    /** @return whether there was such a reaction */
    public boolean remove(UUID roomId, long seq, String emoji, UUID userId) {
        return jdbc.sql("delete from message_reactions where room_id = :room and seq = :seq and emoji = :emoji "
                        + "and user_id = :user")
                .param("room", roomId)
                .param("seq", seq)
                .param("emoji", emoji)
                .param("user", userId)
                .update() == 1;
    }

    /** Recomputes the message's summary from its rows; the message as it is now. */
    public MessageView summarize(UUID roomId, long seq) {
        return jdbc.sql(SUMMARIZE).param("room", roomId).param("seq", seq).query(MessageRows::view).single();
    }
}
