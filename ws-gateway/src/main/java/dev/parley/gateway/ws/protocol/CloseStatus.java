package dev.parley.gateway.ws.protocol;

/** A WebSocket close frame's code and reason (RFC 6455 §7.4; the contract's own codes are in {@link CloseCodes}). */
public record CloseStatus(int code, String reason) {

    public static final CloseStatus NORMAL = new CloseStatus(1000, "");
    /** A binary frame: the protocol is text only. */
    public static final CloseStatus NOT_ACCEPTABLE = new CloseStatus(1003, "text frames only");
    /** A frame over the contract's byte limit. */
    public static final CloseStatus TOO_BIG_TO_PROCESS = new CloseStatus(1009, "frame too large");
    public static final CloseStatus SERVER_ERROR = new CloseStatus(1011, "");
}
