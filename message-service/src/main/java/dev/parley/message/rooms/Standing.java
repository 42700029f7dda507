package dev.parley.message.rooms;

import dev.parley.message.rooms.RoomAccess.Level;
import java.util.HashMap;
import java.util.Map;

/**
 * What a user's level in a room follows from, as the room projection holds it: the room's visibility ({@code null}
 * when the room is unknown or deleted), the user's role ({@code null} when not a member) and whether they are banned.
 */
public record Standing(String visibility, String role, boolean banned) {

    /** An unknown or deleted room. */
    static final Standing NO_ROOM = new Standing(null, null, false);

    public Level level() {
        if (banned || visibility == null) {
            return Level.NONE;
        }
        if (role != null) {
            return "owner".equals(role) || "admin".equals(role) ? Level.MODERATE : Level.SEND;
        }
        return "public".equals(visibility) ? Level.READ : Level.NONE;
    }

    public static Map<RoomUser, Level> levels(Map<RoomUser, Standing> standings) {
        Map<RoomUser, Level> levels = new HashMap<>();
        standings.forEach((pair, standing) -> levels.put(pair, standing.level()));
        return levels;
    }
}
