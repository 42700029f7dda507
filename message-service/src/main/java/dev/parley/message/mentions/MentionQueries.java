package dev.parley.message.mentions;

import dev.parley.message.sending.MessageRows;
import dev.parley.message.sending.MessageView;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/** The messages that mention a user, from {@code message_mentions} (its primary key runs by user, then message id). */
@Component
class MentionQueries {

    /** Newest first by message id (time-ordered), from below a cursor's id when there is one. */
    private static final String PAGE = "select " + MessageRows.COLUMNS.replaceAll("(\\w+)", "m.$1") + """
             from message_mentions mm
             join messages m on m.id = mm.message_id and not m.deleted
            where mm.user_id = :user and mm.room_id = any(:rooms) %s
            order by mm.message_id desc
            limit :limit""";

    private final JdbcClient jdbc;

    MentionQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} messages mentioning the user in the rooms, newest first, below {@code below} if given. */
    List<MessageView> mentioning(UUID userId, List<UUID> rooms, UUID below, int limit) {
        var query = jdbc.sql(PAGE.formatted(below == null ? "" : "and mm.message_id < :below"))
                .param("user", userId)
                .param("rooms", new SqlArrayValue("uuid", rooms.toArray()))
                .param("limit", limit);
        if (below != null) {
            query = query.param("below", below);
        }
        return query.query(MessageRows::view).list();
    }
}
