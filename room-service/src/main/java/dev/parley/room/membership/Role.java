package dev.parley.room.membership;

import com.fasterxml.jackson.annotation.JsonValue;

/** A member's role in a room; the wire and database spelling is the lower-case name. */
public enum Role {
    OWNER, ADMIN, MEMBER;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Role fromWireName(String wireName) {
        return valueOf(wireName.toUpperCase(java.util.Locale.ROOT));
    }

    /** Owners and admins manage who is in the room. */
    public boolean managesMembers() {
        return this == OWNER || this == ADMIN;
    }
}
