package dev.parley.room.room;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Anyone may find and join a public room; a private room does not exist for a non-member. */
public enum Visibility {
    PUBLIC, PRIVATE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Visibility fromWireName(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }
}
