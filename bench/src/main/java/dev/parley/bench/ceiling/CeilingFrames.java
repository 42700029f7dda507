package dev.parley.bench.ceiling;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The frames of Parley's WebSocket protocol (contract §3) that the ceiling speaks, with the fields Parley
 * puts in them: client frames parsed, server frames written as UTF-8 JSON straight into a buffer.
 */
final class CeilingFrames {

    private static final JsonFactory JSON = new JsonFactory();
    static final long HEARTBEAT_MS = 25_000;

    private CeilingFrames() {
    }

    /** The top-level fields of a client frame the ceiling reads. */
    record ClientFrame(String type, String id, String roomId, String clientMsgId, String body, String token) {
    }

    static ClientFrame parse(ByteBuf content) {
        String type = null;
        String id = null;
        String roomId = null;
        String clientMsgId = null;
        String body = null;
        String token = null;
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(),
                (InputStream) new ByteBufInputStream(content.duplicate()))) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new ClientFrame(null, null, null, null, null, null);
            }
            String name;
            while ((name = parser.nextName()) != null) {
                if (parser.nextToken().isStructStart()) {
                    parser.skipChildren();
                    continue;
                }
                switch (name) {
                    case "type" -> type = parser.getValueAsString();
                    case "id" -> id = parser.getValueAsString();
                    case "roomId" -> roomId = parser.getValueAsString();
                    case "clientMsgId" -> clientMsgId = parser.getValueAsString();
                    case "body" -> body = parser.getValueAsString();
                    case "token" -> token = parser.getValueAsString();
                    default -> { }
                }
            }
        } catch (RuntimeException e) { // not JSON: answered like an unknown frame
            return new ClientFrame(null, null, null, null, null, null);
        }
        return new ClientFrame(type, id, roomId, clientMsgId, body, token);
    }

    static ByteBuf ready(ByteBufAllocator allocator, String id, String sessionId, String userId) {
        return write(allocator, json -> {
            json.writeStringProperty("type", "ready");
            writeId(json, id);
            json.writeStringProperty("sessionId", sessionId);
            json.writeStringProperty("userId", userId);
            json.writeNumberProperty("heartbeatMs", HEARTBEAT_MS);
        });
    }

    static ByteBuf subscribed(ByteBufAllocator allocator, String id, String roomId, long headSeq) {
        return write(allocator, json -> {
            json.writeStringProperty("type", "subscribed");
            writeId(json, id);
            json.writeStringProperty("roomId", roomId);
            json.writeNumberProperty("headSeq", headSeq);
            json.writeBooleanProperty("recovered", true);
        });
    }

    static ByteBuf ack(ByteBufAllocator allocator, String id, String roomId, String clientMsgId, long seq,
                       String messageId, String createdAt) {
        return write(allocator, json -> {
            json.writeStringProperty("type", "ack");
            writeId(json, id);
            json.writeStringProperty("roomId", roomId);
            json.writeStringProperty("clientMsgId", clientMsgId);
            json.writeNumberProperty("seq", seq);
            json.writeStringProperty("messageId", messageId);
            json.writeStringProperty("createdAt", createdAt);
        });
    }

    /** A {@code message} push: the fields of Message (contract §2) plus its type. */
    static ByteBuf message(ByteBufAllocator allocator, String messageId, String roomId, long seq, String senderId,
                           String clientMsgId, String body, String createdAt) {
        return write(allocator, json -> {
            json.writeStringProperty("type", "message");
            json.writeStringProperty("id", messageId);
            json.writeStringProperty("roomId", roomId);
            json.writeNumberProperty("seq", seq);
            json.writeStringProperty("senderId", senderId);
            json.writeStringProperty("clientMsgId", clientMsgId);
            json.writeStringProperty("body", body);
            json.writeStringProperty("createdAt", createdAt);
            json.writeBooleanProperty("deleted", false);
        });
    }

    /** {@code pong}, {@code unsubscribed}: a type, the request's id, and maybe its room. */
    static ByteBuf answer(ByteBufAllocator allocator, String type, String id, String roomId) {
        return write(allocator, json -> {
            json.writeStringProperty("type", type);
            writeId(json, id);
            if (roomId != null) {
                json.writeStringProperty("roomId", roomId);
            }
        });
    }

    static ByteBuf error(ByteBufAllocator allocator, String id, String code, String message) {
        return write(allocator, json -> {
            json.writeStringProperty("type", "error");
            writeId(json, id);
            json.writeStringProperty("code", code);
            json.writeStringProperty("message", message);
        });
    }

    /**
     * The user a bearer token names ({@code sub}), read without checking the signature — the ceiling
     * trusts everyone — or a new id when the token is no JWT.
     */
    static String subject(String token) {
        String[] parts = token == null ? new String[0] : token.split("\\.");
        if (parts.length == 3) {
            try {
                byte[] claims = Base64.getUrlDecoder().decode(parts[1]);
                try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), claims)) {
                    if (parser.nextToken() == JsonToken.START_OBJECT) {
                        String name;
                        while ((name = parser.nextName()) != null) {
                            if (parser.nextToken().isStructStart()) {
                                parser.skipChildren();
                            } else if (name.equals("sub")) {
                                return parser.getValueAsString();
                            }
                        }
                    }
                }
            } catch (RuntimeException e) {
                // not a JWT after all
            }
        }
        return UUID.nameUUIDFromBytes(String.valueOf(token).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A time-ordered id like Parley's message ids (UUID version 7), without SecureRandom on the hot path. */
    static String messageId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }

    private static void writeId(JsonGenerator json, String id) {
        if (id != null) {
            json.writeStringProperty("id", id);
        }
    }

    private static ByteBuf write(ByteBufAllocator allocator, Consumer<JsonGenerator> fields) {
        ByteBuf buffer = allocator.buffer(256);
        try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(),
                (OutputStream) new ByteBufOutputStream(buffer))) {
            json.writeStartObject();
            fields.accept(json);
            json.writeEndObject();
        } catch (RuntimeException e) {
            buffer.release();
            throw e;
        }
        return buffer;
    }
}
