package dev.parley.gateway.ws.protocol;

import org.springframework.web.socket.CloseStatus;

/** The close codes of contract §3 that are not standard WebSocket ones. */
public final class CloseCodes {

    public static final CloseStatus UNAUTHORIZED = new CloseStatus(4001, "unauthorized");
    public static final CloseStatus TOKEN_EXPIRED = new CloseStatus(4001, "token expired");
    public static final CloseStatus SLOW_CONSUMER = new CloseStatus(4009, "slow consumer: resume with sinceSeq");

    private CloseCodes() {
    }
}
