package dev.parley.events;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The contract's error codes for what a client asked of the message pipeline: the {@code code} of a WebSocket
 * {@code error} frame (§3), the {@code reason} of a {@link dev.parley.events.message.MessageRejected} event
 * (§4), and the {@code code} of the HTTP problem the same refusal becomes (§2). On the wire each is its
 * {@link #wireName()}: {@code not_member}, {@code validation_failed}, …
 */
public enum ErrorCode {
    INVALID_FRAME,
    UNKNOWN_TYPE,
    VALIDATION_FAILED,
    UNAUTHORIZED,
    NOT_MEMBER,
    ROOM_NOT_FOUND,
    MESSAGE_NOT_FOUND,
    MESSAGE_DELETED,
    FORBIDDEN,
    RATE_LIMITED,
    TOO_MANY_SUBSCRIPTIONS,
    INTERNAL;

    private static final Map<String, ErrorCode> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ErrorCode::wireName, Function.identity()));

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    /** The code a wire name stands for; empty for one this version does not know (additive evolution). */
    public static Optional<ErrorCode> ofWireName(String wireName) {
        return Optional.ofNullable(wireName == null ? null : BY_WIRE_NAME.get(wireName));
    }
}
