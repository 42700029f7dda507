package dev.parley.room.room;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A group room has a name and many members; a direct room joins exactly two users. */
public enum RoomKind {
    GROUP, DIRECT;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RoomKind fromWireName(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }
}
