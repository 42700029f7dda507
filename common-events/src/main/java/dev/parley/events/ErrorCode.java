package dev.parley.events;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The contract's error codes for what a client asked of the message pipeline: the {@code code} of a WebSocket
 * {@code error} frame (§3), the {@code reason} of a {@link dev.parley.events.message.MessageRejected} event
 * (§4), and the {@code code} of the HTTP problem the same refusal becomes (§2). On the wire each is its
 * {@link #wireName()}: {@code not_member}, {@code validation_failed}, …
 */
public enum ErrorCode {
    INVALID_FRAME(true),
    UNKNOWN_TYPE(true),
    VALIDATION_FAILED(true),
    UNAUTHORIZED(true),
    NOT_MEMBER(true),
    ROOM_NOT_FOUND(true),
    MESSAGE_NOT_FOUND(false),
    MESSAGE_DELETED(false),
    FORBIDDEN(false),
    TOO_MANY_REACTIONS(false),
    /** An upload over the size limit (§6 Attachments): 413. */
    FILE_TOO_LARGE(false),
    /** A file that does not exist for the caller (§6 Attachments): 404. */
    FILE_NOT_FOUND(false),
    /** A browser page of an origin that may not open the WebSocket (docs/contract.md, "Where the contract is silent"): 403. */
    ORIGIN_NOT_ALLOWED(false),
    RATE_LIMITED(true),
    TOO_MANY_SUBSCRIPTIONS(true),
    INTERNAL(true);

    private static final Map<String, ErrorCode> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ErrorCode::wireName, Function.identity()));

    private final String wireName = name().toLowerCase(Locale.ROOT);
    private final boolean inErrorFrames;

    ErrorCode(boolean inErrorFrames) {
        this.inErrorFrames = inErrorFrames;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * Whether a WebSocket {@code error} frame may carry it (contract §3's list); the others are answers of the
     * HTTP API only (§2, §6), where a frame says {@code validation_failed} or {@code internal} instead.
     */
    public boolean inErrorFrames() {
        return inErrorFrames;
    }

    /** The codes of contract §3's {@code error} frame. */
    public static Set<ErrorCode> ofErrorFrames() {
        return Arrays.stream(values()).filter(ErrorCode::inErrorFrames)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ErrorCode.class)));
    }

    /** The code a wire name stands for; empty for one this version does not know (additive evolution). */
    public static Optional<ErrorCode> ofWireName(String wireName) {
        return Optional.ofNullable(wireName == null ? null : BY_WIRE_NAME.get(wireName));
    }
}
