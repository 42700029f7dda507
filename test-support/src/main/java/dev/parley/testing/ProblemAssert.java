package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an error answer is (contract §2): an RFC 9457 problem document, {@code application/problem+json}, whose
 * {@code status} is the HTTP status, with a {@code title}, a {@code detail} and the stable {@code code}. One home for
 * the check, so every test of an error checks all of it.
 */
public final class ProblemAssert {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemAssert() {
    }

    /** The answer as {@link java.net.http} received it. */
    public static JsonNode assertProblem(HttpResponse<String> response, int status, String code) {
        return assertProblem(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                response.body(), status, code);
    }

    /**
     * The answer's HTTP status, {@code Content-Type} header and body against the problem expected; the document, for
     * the checks of members beyond these (such as {@code errors} or {@code retryAfterMs}).
     */
    public static JsonNode assertProblem(int httpStatus, String contentType, String body, int status, String code) {
        assertThat(httpStatus).as("HTTP status of %s", body).isEqualTo(status);
        assertThat(contentType).as("content type of %s", body).isNotNull();
        assertThat(contentType.split(";")[0].trim()).as("content type of %s", body).isEqualToIgnoringCase(PROBLEM_JSON);
        JsonNode problem = JSON.readTree(body);
        assertThat(problem.isObject()).as("a problem document: %s", body).isTrue();
        assertThat(problem.path("status").isInt()).as("status in %s", body).isTrue();
        assertThat(problem.path("status").asInt()).as("status in %s", body).isEqualTo(status);
        assertThat(problem.path("title").isString()).as("title in %s", body).isTrue();
        assertThat(problem.path("title").asString()).as("title in %s", body).isNotBlank();
        assertThat(problem.path("detail").isString()).as("detail in %s", body).isTrue();
        assertThat(problem.path("detail").asString()).as("detail in %s", body).isNotBlank();
        assertThat(problem.path("code").asString()).as("code in %s", body).isEqualTo(code);
        return problem;
    }
}
