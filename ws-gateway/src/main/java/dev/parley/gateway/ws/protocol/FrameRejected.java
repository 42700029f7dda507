package dev.parley.gateway.ws.protocol;

import dev.parley.events.ErrorCode;
import tools.jackson.databind.JsonNode;

/** A client frame that cannot be acted on; it becomes an {@code error} frame, never a closed connection. */
public class FrameRejected extends RuntimeException {

    private final transient ServerFrame.Error error;

    FrameRejected(ServerFrame.Error error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    static FrameRejected of(ErrorCode code, String message, JsonNode id) {
        return new FrameRejected(ServerFrame.Error.of(code, message, id));
    }

    static FrameRejected invalidField(String field, String message, JsonNode id) {
        return new FrameRejected(ServerFrame.Error.invalidField(field, message, id));
    }

    public ServerFrame.Error error() {
        return error;
    }
}
