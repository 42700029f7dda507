package dev.parley.message.mentions;

import dev.parley.events.message.MessageRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/**
 * Who a body mentions (contract §6): each {@code @username} of a member of the room at send time, in
 * order of first appearance, once. A body without an {@code @} costs nothing; one with costs one query.
 */
@Component
public class MentionResolver {

    private final JdbcClient jdbc;

    MentionResolver(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<UUID> mentioned(UUID roomId, String body) {
        List<String> names = MessageRules.mentionCandidates(body);
        if (names.isEmpty()) {
            return List.of();
        }
        Map<String, UUID> members = new HashMap<>();
        jdbc.sql("""
                        select lower(u.username) as name, u.user_id from users u
                        join room_members m on m.room_id = :room and m.user_id = u.user_id
                        where lower(u.username) = any(:names)""")
                .param("room", roomId)
                .param("names", new SqlArrayValue("text", names.toArray()))
                .query((rs, row) -> members.put(rs.getString("name"), rs.getObject("user_id", UUID.class)))
                .list();
        Set<UUID> mentioned = new LinkedHashSet<>();
        names.stream().map(members::get).filter(java.util.Objects::nonNull).forEach(mentioned::add);
        return new ArrayList<>(mentioned);
    }
}
