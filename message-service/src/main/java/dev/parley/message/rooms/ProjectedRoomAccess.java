package dev.parley.message.rooms;

import dev.parley.message.jdbc.Query;
import dev.parley.message.jdbc.RoundTrip;
import dev.parley.message.rooms.RoomAccess.Level;
import dev.parley.platform.kafka.ConsumerGroupCatchUp;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/** {@link RoomAccess} from the room projection, catching up before it says no. */
@Component
class ProjectedRoomAccess implements RoomAccess {

    /**
     * Exact pairs: one index lookup in rooms, room_members and room_bans per pair. The text is the same for any
     * number of pairs, so PostgreSQL parses and plans it once per connection — for a guessed ten pairs, where a
     * batch has one or two. With that guess a table of a few thousand rows looked cheaper to read whole than to
     * look up ten times: every batch read every room, when the rooms were mostly deleted, and every membership,
     * with W1's 2,000 (docs/performance.md). Each table is therefore read in a lateral subquery, which
     * {@code offset 0} keeps from being merged into the join: looked up per pair whatever its size or statistics.
     */
    static final String LEVELS = """
            select r.room_id, r.visibility, p.user_id, m.role, b.user_id is not null as banned
            from unnest(?, ?) as p(room_id, user_id)
            cross join lateral (select r.room_id, r.visibility from rooms r
                                where r.room_id = p.room_id and not r.deleted offset 0) r
            left join lateral (select m.role from room_members m
                               where m.room_id = p.room_id and m.user_id = p.user_id offset 0) m on true
            left join lateral (select b.user_id from room_bans b
                               where b.room_id = p.room_id and b.user_id = p.user_id offset 0) b on true""";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final ConsumerGroupCatchUp catchUp;

    ProjectedRoomAccess(JdbcClient jdbc, JdbcTemplate template, ConsumerGroupCatchUp catchUp) {
        this.jdbc = jdbc;
        this.template = template;
        this.catchUp = catchUp;
    }

    @Override
    public Level check(UUID roomId, UUID userId, Level needed) {
        RoomUser pair = new RoomUser(roomId, userId);
        Level level = query(List.of(pair)).get(pair);
        if (level.allows(needed)) {
            return level;
        }
        // A "no" may only mean the projection is behind room-service (the join-then-send race).
        catchUp.awaitKey(roomId.toString());
        return query(List.of(pair)).get(pair);
    }

    @Override
    public void awaitProjection(Collection<RoomUser> refused) {
        catchUp.awaitKeys(refused.stream().map(pair -> pair.roomId().toString()).distinct().toList());
    }

    /** The same rule as {@link #levelOf}, for every room at once: public or a member, and not banned. */
    @Override
    public List<UUID> readableRooms(UUID userId) {
        return jdbc.sql("""
                        select r.room_id from rooms r
                        where not r.deleted
                          and (r.visibility = 'public'
                               or exists (select 1 from room_members m where m.room_id = r.room_id and m.user_id = :user))
                          and not exists (select 1 from room_bans b where b.room_id = r.room_id and b.user_id = :user)""")
                .param("user", userId)
                .query(UUID.class)
                .list();
    }

    private Map<RoomUser, Level> query(Collection<RoomUser> pairs) {
        return RoundTrip.query(template, levels(pairs));
    }

    @Override
    public Query<Map<RoomUser, Level>> levels(Collection<RoomUser> pairs) {
        if (pairs.isEmpty()) {
            return Query.answered(Map.of());
        }
        List<RoomUser> distinct = List.copyOf(Set.copyOf(pairs));
        return Query.of(LEVELS,
                List.of(new SqlArrayValue("uuid", distinct.stream().map(RoomUser::roomId).toArray()),
                        new SqlArrayValue("uuid", distinct.stream().map(RoomUser::userId).toArray())),
                rows -> {
                    Map<UUID, String> visibility = new HashMap<>();
                    Map<RoomUser, String> roles = new HashMap<>();
                    Set<RoomUser> banned = new HashSet<>();
                    while (rows.next()) {
                        UUID room = rows.getObject("room_id", UUID.class);
                        visibility.put(room, rows.getString("visibility"));
                        RoomUser pair = new RoomUser(room, rows.getObject("user_id", UUID.class));
                        String role = rows.getString("role");
                        if (role != null) {
                            roles.put(pair, role);
                        }
                        if (rows.getBoolean("banned")) {
                            banned.add(pair);
                        }
                    }
                    Map<RoomUser, Level> levels = new HashMap<>();
                    for (RoomUser pair : distinct) {
                        levels.put(pair, banned.contains(pair)
                                ? Level.NONE : levelOf(visibility.get(pair.roomId()), roles.get(pair)));
                    }
                    return levels;
                });
    }

    private static Level levelOf(String visibility, String role) {
        if (visibility == null) {
            return Level.NONE;
        }
        if (role != null) {
            return "owner".equals(role) || "admin".equals(role) ? Level.MODERATE : Level.SEND;
        }
        return "public".equals(visibility) ? Level.READ : Level.NONE;
    }
}
