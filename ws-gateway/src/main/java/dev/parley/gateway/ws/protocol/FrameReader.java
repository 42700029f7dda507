package dev.parley.gateway.ws.protocol;

import dev.parley.events.ErrorCode;
import dev.parley.events.message.MessageRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a text frame into a {@link ClientFrame}, or refuses it with the contract's error:
 * {@code invalid_frame} (not JSON, not an object, no {@code type}, an {@code id} too long to echo),
 * {@code unknown_type}, or {@code validation_failed} naming the offending {@code field}. Types are
 * strict: no coercion.
 */
@Component
public class FrameReader {

    /**
     * The longest {@code id} echoed: a string of at most this many characters (UTF-16 units, as
     * JavaScript counts them), or any other JSON value at most this long as JSON text. Every answer
     * carries the id back and a pending send keeps it until its ack, so a frame-sized id would cost a
     * frame's worth of memory and bandwidth each time. The contract states no size; this is ours.
     */
    public static final int MAX_ID_LENGTH = 128;

    /** A UUID in its canonical form only: {@link UUID#fromString} also takes shortened groups. */
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /**
     * Decimals are read exactly, so that an {@code id} such as {@code 1e400} or {@code 0.10000000000000000001}
     * is echoed as sent: as a double it came back as {@code "Infinity"} or {@code 0.1}. No other field takes a
     * decimal.
     */
    private final ObjectReader reader = JsonMapper.builder().build()
            .readerFor(JsonNode.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    public ClientFrame read(String payload) {
        JsonNode root;
        try {
            root = reader.readValue(payload);
        } catch (JacksonException e) {
            throw FrameRejected.of(ErrorCode.INVALID_FRAME, "frame is not valid JSON", null);
        }
        if (root == null || !root.isObject()) {
            throw FrameRejected.of(ErrorCode.INVALID_FRAME, "frame must be a JSON object", null);
        }
        JsonNode id = root.get("id");
        if (id != null && !isEchoable(id)) {
            throw FrameRejected.of(ErrorCode.INVALID_FRAME, "id must be at most " + MAX_ID_LENGTH + " characters",
                    null);
        }
        JsonNode type = root.get("type");
        if (type == null || !type.isString()) {
            throw FrameRejected.of(ErrorCode.INVALID_FRAME, "frame has no type", id);
        }
        return switch (type.stringValue()) {
            case "auth" -> new ClientFrame.Auth(optionalText(root, "token"), id);
            case "ping" -> new ClientFrame.Ping(id);
            case "subscribe" -> new ClientFrame.Subscribe(roomId(root, id), optionalSeq(root, "sinceSeq", id), id);
            case "unsubscribe" -> new ClientFrame.Unsubscribe(roomId(root, id), id);
            case "send" -> send(root, id);
            case "typing" -> new ClientFrame.Typing(roomId(root, id), id);
            case "read" -> new ClientFrame.Read(roomId(root, id), requiredSeq(root, "seq", id), id);
            default -> throw FrameRejected.of(ErrorCode.UNKNOWN_TYPE, "unknown frame type", id);
        };
    }

    /** The wire {@code type} of a frame that was read. */
    public static String typeOf(ClientFrame frame) {
        return switch (frame) {
            case ClientFrame.Auth auth -> "auth";
            case ClientFrame.Ping ping -> "ping";
            case ClientFrame.Subscribe subscribe -> "subscribe";
            case ClientFrame.Unsubscribe unsubscribe -> "unsubscribe";
            case ClientFrame.Send send -> "send";
            case ClientFrame.Typing typing -> "typing";
            case ClientFrame.Read read -> "read";
        };
    }

    private static boolean isEchoable(JsonNode id) {
        return (id.isString() ? id.stringValue() : id.toString()).length() <= MAX_ID_LENGTH;
    }

    private static ClientFrame.Send send(JsonNode root, JsonNode id) {
        UUID roomId = roomId(root, id);
        String clientMsgId = optionalText(root, "clientMsgId");
        MessageRules.clientMsgIdProblem(clientMsgId).ifPresent(problem -> {
            throw FrameRejected.invalidField("clientMsgId", problem, id);
        });
        List<UUID> attachments = attachments(root, id);
        String body = optionalText(root, "body");
        Optional<String> problem = body == null ? Optional.of("body must be a string")
                : MessageRules.bodyProblem(body, attachments.size());
        if (problem.isPresent()) {
            throw FrameRejected.invalidField("body", problem.get(), id);
        }
        Long threadRoot = optionalSeq(root, "threadRoot", id);
        if (threadRoot != null && threadRoot < 1) {
            throw FrameRejected.invalidField("threadRoot", "threadRoot must be the seq of a message of the room", id);
        }
        return new ClientFrame.Send(roomId, clientMsgId, body, threadRoot, attachments, id);
    }

    /** {@code attachments}: absent, or an array of distinct file ids (contract §6). */
    private static List<UUID> attachments(JsonNode root, JsonNode id) {
        JsonNode value = root.get("attachments");
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw FrameRejected.invalidField("attachments", "attachments must be an array of file ids", id);
        }
        List<UUID> ids = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isString() || !UUID_TEXT.matcher(element.stringValue()).matches()) {
                throw FrameRejected.invalidField("attachments", "attachments must be an array of file ids", id);
            }
            ids.add(UUID.fromString(element.stringValue()));
        }
        MessageRules.attachmentsProblem(ids).ifPresent(problem -> {
            throw FrameRejected.invalidField("attachments", problem, id);
        });
        return ids;
    }

    private static UUID roomId(JsonNode root, JsonNode id) {
        String text = optionalText(root, "roomId");
        if (text == null || !UUID_TEXT.matcher(text).matches()) {
            throw FrameRejected.invalidField("roomId", "roomId must be a UUID", id);
        }
        return UUID.fromString(text);
    }

    private static long requiredSeq(JsonNode root, String field, JsonNode id) {
        Long seq = optionalSeq(root, field, id);
        if (seq == null) {
            throw FrameRejected.invalidField(field, field + " is required", id);
        }
        return seq;
    }

    private static Long optionalSeq(JsonNode root, String field, JsonNode id) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw FrameRejected.invalidField(field, field + " must be a non-negative integer", id);
        }
        return value.longValue();
    }

    /** The field's text, or {@code null} when it is absent or not a string. */
    private static String optionalText(JsonNode root, String field) {
        JsonNode value = root.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }
}
