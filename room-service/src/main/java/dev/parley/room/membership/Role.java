package dev.parley.room.membership;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A member's role in a room; the wire and database spelling is the lower-case name. */
public enum Role {
    OWNER, ADMIN, MEMBER;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWireName(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }

    /** Owners and admins manage who is in the room and its settings. */
    public boolean managesMembers() {
        return this == OWNER || this == ADMIN;
    }

    /** Owner above admin above member: one may kick or ban only those below. */
    public boolean outranks(Role other) {
        return ordinal() < other.ordinal();
    }
}
