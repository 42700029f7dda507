package dev.parley.gateway.ws.protocol;

import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A frame a client sends (contract §3), already validated by {@link FrameReader}. {@code id} is
 * whatever the client put in its {@code "id"} field, echoed in the answer; {@code null} when absent.
 */
public sealed interface ClientFrame {

    JsonNode id();

    record Auth(String token, JsonNode id) implements ClientFrame {
    }

    record Ping(JsonNode id) implements ClientFrame {
    }

    /** {@code sinceSeq} is {@code null} when the client only wants live messages. */
    record Subscribe(UUID roomId, Long sinceSeq, JsonNode id) implements ClientFrame {
    }

    record Unsubscribe(UUID roomId, JsonNode id) implements ClientFrame {
    }

    /** {@code threadRoot} is {@code null} outside a thread; {@code attachments} empty when none (contract §6). */
    record Send(UUID roomId, String clientMsgId, String body, Long threadRoot, List<UUID> attachments, JsonNode id)
            implements ClientFrame {

        public Send {
            attachments = attachments == null ? List.of() : List.copyOf(attachments);
        }

        public Send(UUID roomId, String clientMsgId, String body, JsonNode id) {
            this(roomId, clientMsgId, body, null, List.of(), id);
        }
    }

    record Typing(UUID roomId, JsonNode id) implements ClientFrame {
    }

    record Read(UUID roomId, long seq, JsonNode id) implements ClientFrame {
    }
}
