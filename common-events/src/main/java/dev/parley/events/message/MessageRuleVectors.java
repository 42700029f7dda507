package dev.parley.events.message;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The conformance vectors of {@link MessageRules} ({@code message-rules-vectors.json} beside this class):
 * values with whether the contract accepts them. Every side that checks the rules runs all of them — the
 * rules' own tests, ws-gateway's frames and message-service's HTTP API — and so can a third-party client.
 */
public final class MessageRuleVectors {

    /** One value of a field ({@code body} or {@code clientMsgId}) and whether it is acceptable. */
    public record Vector(String field, String value, boolean valid, String why) {

        @Override
        public String toString() {
            return field + ": " + why + (valid ? " (valid)" : " (invalid)");
        }
    }

    private MessageRuleVectors() {
    }

    public static List<Vector> bodies() {
        return read("body");
    }

    public static List<Vector> clientMsgIds() {
        return read("clientMsgId");
    }

    private static List<Vector> read(String field) {
        try (InputStream in = MessageRuleVectors.class.getResourceAsStream("message-rules-vectors.json")) {
            if (in == null) {
                throw new IllegalStateException("message-rules-vectors.json is missing beside " + MessageRuleVectors.class);
            }
            List<Vector> vectors = new ArrayList<>();
            for (JsonNode vector : JsonMapper.shared().readTree(in).get(field)) {
                String value = vector.has("repeat")
                        ? vector.get("repeat").asString().repeat(vector.get("times").asInt())
                        : vector.get("value").asString();
                vectors.add(new Vector(field, value, vector.get("valid").asBoolean(), vector.get("why").asString()));
            }
            return List.copyOf(vectors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
