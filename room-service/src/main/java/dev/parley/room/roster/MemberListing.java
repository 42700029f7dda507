package dev.parley.room.roster;

import dev.parley.room.membership.Member;
import dev.parley.room.membership.Memberships;
import dev.parley.room.room.Rooms;
import dev.parley.room.web.Page;
import dev.parley.room.web.PageCursor;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** GET /api/rooms/{id}/members: earliest joined first, keyset-paged by {@code (joinedAt, userId)}. */
@Service
class MemberListing {

    private final Rooms rooms;
    private final Memberships memberships;

    MemberListing(Rooms rooms, Memberships memberships) {
        this.rooms = rooms;
        this.memberships = memberships;
    }

    /** Members see the list of their room; anyone sees it for a public room. */
    @Transactional(readOnly = true)
    Page<Member> list(UUID caller, UUID roomId, PageCursor cursor, int limit) {
        rooms.view(caller, roomId);
        List<Member> found = memberships.page(roomId, cursor, limit + 1);
        List<Member> page = found.subList(0, Math.min(limit, found.size()));
        String nextCursor = found.size() > limit
                ? new PageCursor(page.getLast().joinedAt(), page.getLast().userId()).encode() : null;
        return new Page<>(page, nextCursor);
    }
}
