package dev.parley.gateway.ws.membership;

import dev.parley.events.ErrorCode;

/**
 * What one user may do in one room, as far as this gateway knows (contract §3): members read, send,
 * type and mark read; anyone may read a public room; a private room does not exist for a non-member.
 *
 * @param role the member's role, {@code null} for a non-member
 * @param publicRoom whether the room is (known to be) public
 * @param exists {@code false} once the room is known to be deleted, or the user to be banned from it
 */
public record Access(String role, boolean publicRoom, boolean exists) {

    public static final Access NOT_FOUND = new Access(null, false, false);

    public boolean isMember() {
        return exists && role != null;
    }

    public boolean canRead() {
        return exists && (role != null || publicRoom);
    }

    /** The error a members-only frame ({@code typing}, {@code read}) gets, or {@code null} when allowed. */
    public ErrorCode refusalOfMembersOnly() {
        if (isMember()) {
            return null;
        }
        return canRead() ? ErrorCode.NOT_MEMBER : ErrorCode.ROOM_NOT_FOUND;
    }
}
