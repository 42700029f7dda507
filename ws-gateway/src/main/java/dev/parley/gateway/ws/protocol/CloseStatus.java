package dev.parley.gateway.ws.protocol;

import dev.parley.events.CloseCode;

/**
 * A WebSocket close frame's code and reason (RFC 6455 §7.4). The contract's codes are common-events' {@link CloseCode};
 * the closes this gateway chooses, each with the reason it sends, are in {@link CloseCodes}.
 */
public record CloseStatus(int code, String reason) {

    /** A binary frame: the protocol is text only. */
    public static final CloseStatus NOT_ACCEPTABLE = new CloseStatus(CloseCode.BINARY_FRAME, "text frames only");
    /** A frame over the contract's byte limit. */
    public static final CloseStatus TOO_BIG_TO_PROCESS = new CloseStatus(CloseCode.FRAME_TOO_LARGE, "frame too large");

    public CloseStatus(CloseCode code, String reason) {
        this(code.code(), reason);
    }
}
