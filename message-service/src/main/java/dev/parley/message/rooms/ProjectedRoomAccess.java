package dev.parley.message.rooms;

import dev.parley.message.jdbc.Expectation;
import dev.parley.message.jdbc.Query;
import dev.parley.message.jdbc.RoundTrip;
import dev.parley.message.rooms.RoomAccess.Level;
import dev.parley.platform.kafka.ConsumerGroupCatchUp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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

    /** The same rule as {@link Standing#level}, for every room at once: public or a member, and not banned. */
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
    public Query<Map<RoomUser, Standing>> standings(Collection<RoomUser> pairs) {
        if (pairs.isEmpty()) {
            return Query.answered(Map.of());
        }
        List<RoomUser> distinct = List.copyOf(Set.copyOf(pairs));
        return Query.of(LEVELS, pairArgs(distinct), rows -> {
            Map<RoomUser, Standing> standings = new HashMap<>();
            while (rows.next()) {
                standings.put(new RoomUser(rows.getObject("room_id", UUID.class), rows.getObject("user_id", UUID.class)),
                        new Standing(rows.getString("visibility"), rows.getString("role"), rows.getBoolean("banned")));
            }
            distinct.forEach(pair -> standings.putIfAbsent(pair, Standing.NO_ROOM));
            return standings;
        });
    }

    /**
     * The rows {@link #LEVELS} reads now, compared with the standings given: all there, and each the same. Only
     * pairs in a room that exists can be expected so (an unknown room has no row to compare).
     */
    @Override
    public Query<Boolean> expectStandings(Map<RoomUser, Standing> standings) {
        if (standings.isEmpty()) {
            return Query.answered(true);
        }
        List<RoomUser> pairs = List.copyOf(standings.keySet());
        List<Object> args = new ArrayList<>();
        args.add(pairs.size());
        args.addAll(pairArgs(pairs));
        args.addAll(pairArgs(pairs));
        args.add(new SqlArrayValue("varchar", pairs.stream().map(pair -> standings.get(pair).visibility()).toArray()));
        args.add(new SqlArrayValue("varchar", pairs.stream().map(pair -> standings.get(pair).role()).toArray()));
        args.add(new SqlArrayValue("bool", pairs.stream().map(pair -> standings.get(pair).banned()).toArray()));
        return Expectation.that("""
                        select count(*) = ? and bool_and(l.visibility = e.visibility and l.role is not distinct from e.role
                                                         and l.banned = e.banned)
                        from (%s) l
                        join unnest(?, ?, ?, ?, ?) as e(room_id, user_id, visibility, role, banned)
                          on l.room_id = e.room_id and l.user_id = e.user_id""".formatted(LEVELS), args, "room access");
    }

    private static List<Object> pairArgs(List<RoomUser> pairs) {
        return List.of(new SqlArrayValue("uuid", pairs.stream().map(RoomUser::roomId).toArray()),
                new SqlArrayValue("uuid", pairs.stream().map(RoomUser::userId).toArray()));
    }
}
