package dev.parley.room.roster;

import dev.parley.platform.web.ApiException;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** The contract's answers for membership changes that cannot happen. */
final class RosterProblems {

    private RosterProblems() {
    }

    static ApiException memberNotFound(UUID userId) {
        return new ApiException(HttpStatus.NOT_FOUND, "member_not_found", "User " + userId + " is not a member.");
    }

    static ApiException banned(UUID userId) {
        return new ApiException(HttpStatus.FORBIDDEN, "banned", "User " + userId + " is banned from this room.");
    }

    static ApiException ownerCannotLeave() {
        return new ApiException(HttpStatus.CONFLICT, "owner_cannot_leave",
                "The owner hands the room over first: PUT the role \"owner\" on another member.");
    }
}
