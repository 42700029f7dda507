package dev.parley.gateway.ws.protocol;

import dev.parley.events.CloseCode;

/** The closes this gateway chooses for the reasons of contract §3 (the codes are {@link CloseCode}'s), with their reasons. */
public final class CloseCodes {

    public static final CloseStatus UNAUTHORIZED = new CloseStatus(CloseCode.UNAUTHORIZED, "unauthorized");
    public static final CloseStatus TOKEN_EXPIRED = new CloseStatus(CloseCode.UNAUTHORIZED, "token expired");
    public static final CloseStatus RATE_LIMITED = new CloseStatus(CloseCode.POLICY,
            "policy: repeated rate limit breaches");
    public static final CloseStatus TOO_MANY_CONNECTIONS = new CloseStatus(CloseCode.POLICY,
            "policy: too many connections");
    /** The contract names no code for a dead peer; 4008 says "the client broke a rule", not "the server failed". */
    public static final CloseStatus HEARTBEAT_MISSED = new CloseStatus(CloseCode.POLICY, "policy: heartbeat missed");
    public static final CloseStatus SLOW_CONSUMER = new CloseStatus(CloseCode.SLOW_CONSUMER,
            "slow consumer: resume with sinceSeq");
    public static final CloseStatus RESTARTING = new CloseStatus(CloseCode.SERVER_RESTARTING,
            "server restarting: reconnect and resume");

    private CloseCodes() {
    }
}
