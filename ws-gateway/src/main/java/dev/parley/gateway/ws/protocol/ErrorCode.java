package dev.parley.gateway.ws.protocol;

import java.util.Locale;

/** The {@code code} of an {@code error} frame (contract §3). */
public enum ErrorCode {
    INVALID_FRAME,
    UNKNOWN_TYPE,
    VALIDATION_FAILED,
    UNAUTHORIZED,
    NOT_MEMBER,
    ROOM_NOT_FOUND,
    RATE_LIMITED,
    TOO_MANY_SUBSCRIPTIONS,
    INTERNAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
