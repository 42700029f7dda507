package dev.parley.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The one place the rule of contract §2's problem document is tested: what makes an answer a whole one. */
class ProblemDocumentTests {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM = """
            {"type":"about:blank","title":"Not Found","status":404,"detail":"No such room.","code":"room_not_found"}""";

    @Test
    void aProblemDocumentWithEveryMemberIsWhole() {
        ProblemDocument problem = ProblemDocument.read(404, PROBLEM_JSON, PROBLEM);

        assertThat(problem.defects()).isEmpty();
        assertThat(problem.whole()).isTrue();
        assertThat(problem.code()).isEqualTo("room_not_found");
        assertThat(problem.document().path("detail").asString()).isEqualTo("No such room.");
        assertThat(ProblemDocument.read(404, "Application/Problem+JSON; charset=UTF-8", PROBLEM).whole()).isTrue();
    }

    static Stream<Arguments> wanting() {
        return Stream.of(
                Arguments.of("plain JSON", "application/json", PROBLEM, "content type application/json"),
                Arguments.of("no content type", null, PROBLEM, "content type null"),
                Arguments.of("a status of another", PROBLEM_JSON, PROBLEM.replace("404", "400"), "status 400 for HTTP 404"),
                Arguments.of("no status", PROBLEM_JSON, PROBLEM.replace("\"status\":404,", ""), "status"),
                Arguments.of("a status as a string", PROBLEM_JSON, PROBLEM.replace("404", "\"404\""), "status"),
                Arguments.of("no title", PROBLEM_JSON, PROBLEM.replace("\"title\":\"Not Found\",", ""), "no title"),
                Arguments.of("a blank title", PROBLEM_JSON, PROBLEM.replace("Not Found", " "), "no title"),
                Arguments.of("no detail", PROBLEM_JSON, PROBLEM.replace("\"detail\":\"No such room.\",", ""), "no detail"),
                Arguments.of("a null detail", PROBLEM_JSON, PROBLEM.replace("\"No such room.\"", "null"), "no detail"),
                Arguments.of("no code", PROBLEM_JSON, PROBLEM.replace(",\"code\":\"room_not_found\"", ""), "no code"),
                Arguments.of("a blank code", PROBLEM_JSON, PROBLEM.replace("room_not_found", ""), "no code"),
                Arguments.of("not JSON", PROBLEM_JSON, "Not Found", "not a JSON object"),
                Arguments.of("no body", PROBLEM_JSON, "", "not a JSON object"),
                Arguments.of("a JSON array", PROBLEM_JSON, "[" + PROBLEM + "]", "not a JSON object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wanting")
    void anAnswerWantingAnyOfItIsNotWholeAndSaysWhat(String why, String contentType, String body, String defect) {
        ProblemDocument problem = ProblemDocument.read(404, contentType, body);

        assertThat(problem.whole()).isFalse();
        assertThat(problem.defects()).singleElement().asString().startsWith(defect);
    }

    @Test
    void theCodeOfAProblemThatIsNotWholeIsStillRead() {
        assertThat(ProblemDocument.read(404, PROBLEM_JSON, PROBLEM.replace("\"title\":\"Not Found\",", "")).code())
                .isEqualTo("room_not_found");
        assertThat(ProblemDocument.read(502, "text/plain", "bad gateway").code()).isNull();
    }
}
