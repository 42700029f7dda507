package dev.parley.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * The close codes of contract §3: why the server closed a WebSocket connection, and so what its client does next
 * (reconnect and resume, get a new token, or stop). Standard WebSocket codes (RFC 6455 §7.4) where one fits, the
 * contract's own in the 4000s. The reason text that goes with a code is the sender's.
 */
public enum CloseCode {
    /** A binary frame: the protocol is text frames only. */
    BINARY_FRAME(1003),
    /** A frame over the frame limit (64 KiB by default). */
    FRAME_TOO_LARGE(1009),
    /** A bad {@code auth} frame, another frame before {@code ready}, another user's token, or the token expired. */
    UNAUTHORIZED(4001),
    /** The account is disabled. */
    ACCOUNT_DISABLED(4003),
    /** A rule broken: repeated rate-limit breaches, a connection beyond the per-user limit. */
    POLICY(4008),
    /** The send buffer overflowed: reconnect and resume with {@code sinceSeq}. */
    SLOW_CONSUMER(4009),
    /** Graceful shutdown: reconnect and resume. */
    SERVER_RESTARTING(1012),
    /** An internal error. */
    INTERNAL(1011);

    private final int code;

    CloseCode(int code) {
        this.code = code;
    }

    /** The number in the close frame. */
    public int code() {
        return code;
    }

    /** The close code a number stands for; empty for one the contract does not list. */
    public static Optional<CloseCode> ofCode(int code) {
        return Arrays.stream(values()).filter(closeCode -> closeCode.code == code).findFirst();
    }
}
