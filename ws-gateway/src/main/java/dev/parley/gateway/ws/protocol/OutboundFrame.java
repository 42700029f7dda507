package dev.parley.gateway.ws.protocol;

import org.springframework.web.socket.TextMessage;

/**
 * A server frame serialized once, ready to be written to any number of sessions. {@code type} is the
 * frame's {@code type} (for metrics); {@code bytes} its UTF-8 size, which the send buffers count.
 */
public record OutboundFrame(String type, TextMessage message) {

    public int bytes() {
        return message.getPayloadLength();
    }
}
