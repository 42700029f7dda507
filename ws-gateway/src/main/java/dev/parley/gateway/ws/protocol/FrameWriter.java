package dev.parley.gateway.ws.protocol;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serializes server frames. The wire format is the contract, so it has its own mapper rather than
 * following the application's JSON settings. A push is written once and the same
 * {@link TextMessage} goes to every subscriber.
 */
@Component
public class FrameWriter {

    private final ObjectWriter writer = JsonMapper.builder().build().writerFor(ServerFrame.class);

    public TextMessage write(ServerFrame frame) {
        return new TextMessage(writer.writeValueAsString(frame));
    }
}
