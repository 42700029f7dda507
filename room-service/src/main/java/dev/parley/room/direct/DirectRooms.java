package dev.parley.room.direct;

import dev.parley.platform.security.Caller;
import dev.parley.platform.web.ApiException;
import dev.parley.room.events.RoomEventOutbox;
import dev.parley.room.room.RoomResponse;
import dev.parley.room.room.Rooms;
import dev.parley.room.user.KnownUser;
import dev.parley.room.user.UserDirectory;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * One direct room per pair of users. Concurrent requests for a pair (from either side) are serialized
 * by a transaction-level advisory lock on the pair, so the second one finds the room the first created;
 * {@code direct_rooms}' primary key backs this up.
 */
@Service
class DirectRooms {

    private final JdbcClient jdbc;
    private final Rooms rooms;
    private final UserDirectory users;
    private final RoomEventOutbox outbox;

    DirectRooms(JdbcClient jdbc, Rooms rooms, UserDirectory users, RoomEventOutbox outbox) {
        this.jdbc = jdbc;
        this.rooms = rooms;
        this.users = users;
        this.outbox = outbox;
    }

    Opened open(Caller caller, UUID userId) {
        if (userId.equals(caller.id())) {
            throw ApiException.invalid("userId", "must be another user");
        }
        KnownUser other = users.require(userId);
        UUID low = min(caller.id(), userId);
        UUID high = low.equals(userId) ? caller.id() : userId;
        return outbox.transaction(events -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:pair, 0))")
                    .param("pair", low + "/" + high).query().listOfRows();
            Optional<UUID> existing = jdbc.sql("select room_id from direct_rooms where user_low = :low and user_high = :high")
                    .param("low", low).param("high", high).query(UUID.class).optional();
            if (existing.isPresent()) {
                return new Opened(rooms.view(caller.id(), existing.get()), false);
            }
            RoomResponse room = rooms.createDirect(caller.id(), userId, name(caller, other), events);
            jdbc.sql("insert into direct_rooms (user_low, user_high, room_id) values (:low, :high, :room)")
                    .param("low", low).param("high", high).param("room", room.id()).update();
            return new Opened(room, true);
        });
    }

    /**
     * The same for both sides: their usernames (immutable, unlike display names), sorted, e.g.
     * "ada, grace". Clients usually show the other participant's display name instead.
     */
    private static String name(Caller caller, KnownUser other) {
        String callerName = caller.username() == null ? caller.id().toString() : caller.username();
        return Stream.of(callerName, other.username())
                .sorted(Comparator.comparing((String name) -> name.toLowerCase(Locale.ROOT)).thenComparing(Comparator.naturalOrder()))
                .collect(Collectors.joining(", "));
    }

    /** In PostgreSQL's order of uuids (their hex text), not Java's (signed longs). */
    private static UUID min(UUID a, UUID b) {
        return a.toString().compareTo(b.toString()) <= 0 ? a : b;
    }

    record Opened(RoomResponse room, boolean created) {
    }
}
