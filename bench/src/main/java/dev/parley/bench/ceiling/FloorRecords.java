package dev.parley.bench.ceiling;

import java.io.ByteArrayOutputStream;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/** The floor's command record: the send's fields as JSON, as Parley's commands are. */
final class FloorRecords {

    private static final JsonFactory JSON = new JsonFactory();

    record Command(String requestId, String clientMsgId, String body, String senderId) {
    }

    private FloorRecords() {
    }

    static byte[] command(String requestId, String clientMsgId, String body, String senderId) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(160);
        try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), bytes)) {
            json.writeStartObject();
            json.writeStringProperty("requestId", requestId);
            json.writeStringProperty("clientMsgId", clientMsgId);
            json.writeStringProperty("body", body);
            json.writeStringProperty("senderId", senderId);
            json.writeEndObject();
        }
        return bytes.toByteArray();
    }

    static Command command(byte[] value) {
        String requestId = null;
        String clientMsgId = null;
        String body = null;
        String senderId = null;
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), value)) {
            parser.nextToken();
            String name;
            while ((name = parser.nextName()) != null) {
                parser.nextToken();
                switch (name) {
                    case "requestId" -> requestId = parser.getValueAsString();
                    case "clientMsgId" -> clientMsgId = parser.getValueAsString();
                    case "body" -> body = parser.getValueAsString();
                    case "senderId" -> senderId = parser.getValueAsString();
                    default -> parser.skipChildren();
                }
            }
        }
        return new Command(requestId, clientMsgId, body, senderId);
    }
}
