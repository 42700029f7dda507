package dev.parley.bench.ws;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The top-level fields of a server frame that the bench looks at (contract §3); nested objects
 * (a {@code room_updated}'s room) are skipped. Parsed with the streaming parser: a delivery costs
 * a microsecond or so, which matters at tens of thousands of deliveries per second.
 */
public record Frame(String type, String id, String roomId, long seq, String clientMsgId, long headSeq, String code,
                    String userId, long heartbeatMs, String messageId, boolean recovered, long retryAfterMs) {

    private static final JsonFactory JSON = new JsonFactory();

    public static Frame parse(byte[] utf8, int offset, int length) {
        String type = null;
        String id = null;
        String roomId = null;
        String clientMsgId = null;
        String code = null;
        String userId = null;
        long seq = -1;
        long headSeq = -1;
        long heartbeatMs = -1;
        String messageId = null;
        boolean recovered = false;
        long retryAfterMs = -1;
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), utf8, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            String name;
            while ((name = parser.nextName()) != null) {
                JsonToken value = parser.nextToken();
                if (value.isStructStart()) {
                    parser.skipChildren();
                    continue;
                }
                switch (name) {
                    case "type" -> type = parser.getString();
                    case "id" -> id = parser.getString();
                    case "roomId" -> roomId = parser.getString();
                    case "clientMsgId" -> clientMsgId = parser.getString();
                    case "code" -> code = parser.getString();
                    case "userId" -> userId = parser.getString();
                    case "seq" -> seq = parser.getValueAsLong(-1);
                    case "headSeq" -> headSeq = parser.getValueAsLong(-1);
                    case "heartbeatMs" -> heartbeatMs = parser.getValueAsLong(-1);
                    case "messageId" -> messageId = parser.getString();
                    case "recovered" -> recovered = parser.getValueAsBoolean(false);
                    case "retryAfterMs" -> retryAfterMs = parser.getValueAsLong(-1);
                    default -> { }
                }
            }
        }
        return new Frame(type, id, roomId, seq, clientMsgId, headSeq, code, userId, heartbeatMs, messageId, recovered,
                retryAfterMs);
    }

    public boolean is(String wanted) {
        return wanted.equals(type);
    }
}
