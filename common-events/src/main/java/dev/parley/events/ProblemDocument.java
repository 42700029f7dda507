package dev.parley.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * What an HTTP error answer is (contract §2): an RFC 9457 problem document, {@code application/problem+json}, whose
 * {@code status} is the HTTP status, with a non-blank {@code title}, {@code detail} and {@code code}. The one
 * definition: the tests' {@code ProblemAssert} and the bench's verdict on answers through the edge both read an
 * answer with it, as a client may.
 *
 * @param document the body as read, {@link MissingNode} when it is not JSON
 * @param defects  what the answer lacks to be a whole problem document, in words; empty when it is one
 */
public record ProblemDocument(JsonNode document, List<String> defects) {

    public static final String MEDIA_TYPE = "application/problem+json";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public ProblemDocument {
        defects = List.copyOf(defects);
    }

    /** An answer as received: its HTTP status, its {@code Content-Type} header (null when absent) and its body. */
    public static ProblemDocument read(int httpStatus, String contentType, String body) {
        List<String> defects = new ArrayList<>();
        if (contentType == null || !contentType.split(";")[0].trim().toLowerCase(Locale.ROOT).equals(MEDIA_TYPE)) {
            defects.add("content type " + contentType + ", not " + MEDIA_TYPE);
        }
        JsonNode document = parse(body);
        if (!document.isObject()) {
            defects.add("not a JSON object");
            return new ProblemDocument(document, defects);
        }
        if (!document.path("status").isInt() || document.path("status").asInt() != httpStatus) {
            defects.add("status " + document.path("status") + " for HTTP " + httpStatus);
        }
        for (String member : List.of("title", "detail", "code")) {
            JsonNode value = document.path(member);
            if (!value.isString() || value.asString().isBlank()) {
                defects.add("no " + member);
            }
        }
        return new ProblemDocument(document, defects);
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? MissingNode.getInstance() : JSON.readTree(body);
        } catch (JacksonException e) {
            return MissingNode.getInstance();
        }
    }

    /** Whether the answer is a whole problem document. */
    public boolean whole() {
        return defects.isEmpty();
    }

    /** The problem's {@code code} when it has one, whether or not the rest is whole; null otherwise. */
    public String code() {
        JsonNode code = document.path("code");
        return code.isString() && !code.asString().isBlank() ? code.asString() : null;
    }
}
