package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.ProblemDocument;
import dev.parley.events.RawHttpAnswer;
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
     * to read: a head too large, a request line too long ({@link RawHttpAnswer}).
     */
    public static JsonNode assertRawProblem(String rawAnswer, int status, String code) {
        return assertProblem(RawHttpAnswer.parse(rawAnswer), status, code);
    }

    /** The answer as read off a socket. */
    public static JsonNode assertProblem(RawHttpAnswer answer, int status, String code) {
        return assertProblem(answer.status(), answer.contentType(), answer.body(), status, code);
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
