package dev.parley.events.room;

import java.util.Locale;

/** Why a member left a room: {@link MemberLeft}'s {@code reason} (contract §4), and the push's (§3). */
public enum LeaveReason {
    LEFT, KICKED, BANNED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
