package dev.parley.room.room;

import dev.parley.room.membership.Memberships;
import dev.parley.room.membership.Role;
import dev.parley.room.web.Page;
import dev.parley.room.web.PageCursor;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** GET /api/rooms: the caller's rooms or the public ones, optionally by name prefix, keyset-paged. */
@Service
class RoomCatalog {

    private final RoomRepository rooms;
    private final Memberships memberships;

    RoomCatalog(RoomRepository rooms, Memberships memberships) {
        this.rooms = rooms;
        this.memberships = memberships;
    }

    @Transactional(readOnly = true)
    Page<RoomResponse> list(UUID caller, RoomScope scope, String namePrefix, PageCursor cursor, int limit) {
        String pattern = likePrefix(namePrefix);
        Limit oneMore = Limit.of(limit + 1);
        List<Room> found = switch (scope) {
            case JOINED -> cursor == null
                    ? rooms.findJoined(caller, pattern, oneMore)
                    : rooms.findJoinedAfter(caller, pattern, cursor.at(), cursor.id(), oneMore);
            case PUBLIC -> cursor == null
                    ? rooms.findByVisibility(Visibility.PUBLIC, pattern, oneMore)
                    : rooms.findByVisibilityAfter(Visibility.PUBLIC, pattern, cursor.at(), cursor.id(), oneMore);
        };
        List<Room> page = found.subList(0, Math.min(limit, found.size()));
        Map<UUID, Role> myRoles = memberships.rolesOf(caller, page.stream().map(Room::getId).toList());
        String nextCursor = found.size() > limit
                ? new PageCursor(page.getLast().createdAt(), page.getLast().getId()).encode() : null;
        return new Page<>(page.stream().map(room -> RoomResponse.of(room, myRoles.get(room.getId()))).toList(),
                nextCursor);
    }

    /** A LIKE pattern matching names that start with the prefix, case-insensitively, wildcards escaped. */
    private static String likePrefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return "%";
        }
        return prefix.toLowerCase(Locale.ROOT)
                .replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}
