package dev.parley.gateway.ws.protocol;

/** The close codes of contract §3 that are not standard WebSocket ones, with the reason each is sent for. */
public final class CloseCodes {

    public static final CloseStatus UNAUTHORIZED = new CloseStatus(4001, "unauthorized");
    public static final CloseStatus TOKEN_EXPIRED = new CloseStatus(4001, "token expired");
    public static final CloseStatus RATE_LIMITED = new CloseStatus(4008, "policy: repeated rate limit breaches");
    public static final CloseStatus TOO_MANY_CONNECTIONS = new CloseStatus(4008, "policy: too many connections");
    /** The contract names no code for a dead peer; 4008 says "the client broke a rule", not "the server failed". */
    public static final CloseStatus HEARTBEAT_MISSED = new CloseStatus(4008, "policy: heartbeat missed");
    public static final CloseStatus SLOW_CONSUMER = new CloseStatus(4009, "slow consumer: resume with sinceSeq");
    public static final CloseStatus RESTARTING = new CloseStatus(1012, "server restarting: reconnect and resume");

    private CloseCodes() {
    }
}
