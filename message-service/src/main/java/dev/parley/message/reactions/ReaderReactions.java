package dev.parley.message.reactions;

import dev.parley.message.sending.MessageView;
import dev.parley.message.sending.MessageView.Reaction;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/**
 * Messages as one reader sees them: {@code me} set on the reactions the reader gave. Stored and cached
 * messages carry counts only, so a page costs one query when any of its messages has reactions, none
 * otherwise — and a live push none at all (a new message has no reactions; a change is a {@code reaction}
 * push with the user's id).
 */
@Component
public class ReaderReactions {

    private final JdbcClient jdbc;

    ReaderReactions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<MessageView> asSeenBy(UUID readerId, List<MessageView> messages) {
        List<MessageView> reacted = messages.stream().filter(message -> !message.reactions().isEmpty()).toList();
        if (reacted.isEmpty()) {
            return messages;
        }
        Set<String> mine = new HashSet<>(jdbc.sql("""
                        select r.room_id || '/' || r.seq || '/' || r.emoji
                          from unnest(:rooms, :seqs) as k(room_id, seq)
                          join message_reactions r on r.room_id = k.room_id and r.seq = k.seq and r.user_id = :reader""")
                .param("rooms", new SqlArrayValue("uuid", reacted.stream().map(MessageView::roomId).toArray()))
                .param("seqs", new SqlArrayValue("bigint", reacted.stream().map(MessageView::seq).toArray()))
                .param("reader", readerId)
                .query(String.class)
                .list());
        if (mine.isEmpty()) {
            return messages;
        }
        return messages.stream().map(message -> message.reactions().isEmpty() ? message
                : message.withReactions(message.reactions().stream()
                        .map(reaction -> new Reaction(reaction.emoji(), reaction.count(),
                                mine.contains(message.roomId() + "/" + message.seq() + "/" + reaction.emoji())))
                        .toList())).toList();
    }
}
