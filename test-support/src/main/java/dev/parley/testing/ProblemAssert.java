package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.ProblemDocument;
import java.io.UnsupportedEncodingException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.ResultMatcher;
import tools.jackson.databind.JsonNode;

/**
 * An error answer of the expected status and code that is a whole problem document (contract §2,
 * {@link ProblemDocument}, where the rule lives and is tested), for every kind of answer a test holds: so every test
 * of an error checks all of it.
 */
public final class ProblemAssert {

    private ProblemAssert() {
    }

    /** The answer as {@link java.net.http} received it. */
    public static JsonNode assertProblem(HttpResponse<String> response, int status, String code) {
        return assertProblem(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                response.body(), status, code);
    }

    /** For MockMvc: {@code mvc.perform(…).andExpect(problem(404, "room_not_found"))}. */
    public static ResultMatcher problem(int status, String code) {
        return result -> assertProblem(result.getResponse(), status, code);
    }

    /** The answer MockMvc returned ({@code mvc.perform(…).andReturn().getResponse()}). */
    public static JsonNode assertProblem(MockHttpServletResponse response, int status, String code) {
        try {
            return assertProblem(response.getStatus(), response.getContentType(),
                    response.getContentAsString(StandardCharsets.UTF_8), status, code);
        } catch (UnsupportedEncodingException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * An answer as read off a socket, head and body ({@code HTTP/1.1 431 …}), for what an HTTP client refuses to send or
     * to read: a head too large, a request line too long. A chunked body is joined.
     */
    public static JsonNode assertRawProblem(String rawAnswer, int status, String code) {
        int headEnd = rawAnswer.indexOf("\r\n\r\n");
        assertThat(headEnd).as("a head and a body: %s", rawAnswer).isPositive();
        String[] head = rawAnswer.substring(0, headEnd).split("\r\n");
        String contentType = null;
        boolean chunked = false;
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            String name = head[i].substring(0, Math.max(colon, 0)).trim();
            String value = head[i].substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Type")) {
                contentType = value;
            }
            chunked |= name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked");
        }
        String body = rawAnswer.substring(headEnd + 4);
        return assertProblem(Integer.parseInt(head[0].split(" ")[1]), contentType, chunked ? joined(body) : body, status,
                code);
    }

    private static String joined(String chunks) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunks.indexOf("\r\n", at);
            int size = Integer.parseInt(chunks.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunks, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    /**
     * The answer's HTTP status, {@code Content-Type} header and body against the problem expected; the document, for
     * the checks of members beyond these (such as {@code errors} or {@code retryAfterMs}).
     */
    public static JsonNode assertProblem(int httpStatus, String contentType, String body, int status, String code) {
        assertThat(httpStatus).as("HTTP status of %s", body).isEqualTo(status);
        ProblemDocument problem = ProblemDocument.read(httpStatus, contentType, body);
        assertThat(problem.defects()).as("what %s %s lacks to be a problem document", contentType, body).isEmpty();
        assertThat(problem.code()).as("code in %s", body).isEqualTo(code);
        return problem.document();
    }
}
