package dev.parley.room.room;

import java.util.Locale;

/** Why a member left a room: MemberLeft's {@code reason}. */
public enum LeaveReason {
    LEFT, KICKED, BANNED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
