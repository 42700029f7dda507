package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProblemAssertTests {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM = """
            {"type":"about:blank","title":"Not Found","status":404,"detail":"No such room.","code":"room_not_found"}""";

    @Test
    void aProblemDocumentWithEveryMemberPasses() {
        assertThat(ProblemAssert.assertProblem(404, PROBLEM_JSON, PROBLEM, 404, "room_not_found")
                .path("detail").asString()).isEqualTo("No such room.");
        ProblemAssert.assertProblem(404, PROBLEM_JSON + ";charset=UTF-8", PROBLEM, 404, "room_not_found");
    }

    static Stream<Arguments> wanting() {
        return Stream.of(
                Arguments.of("another HTTP status", 400, PROBLEM_JSON, PROBLEM, "room_not_found"),
                Arguments.of("plain JSON", 404, "application/json", PROBLEM, "room_not_found"),
                Arguments.of("no content type", 404, null, PROBLEM, "room_not_found"),
                Arguments.of("a status of another", 404, PROBLEM_JSON, PROBLEM.replace("404", "400"), "room_not_found"),
                Arguments.of("no status", 404, PROBLEM_JSON, PROBLEM.replace("\"status\":404,", ""), "room_not_found"),
                Arguments.of("no title", 404, PROBLEM_JSON, PROBLEM.replace("\"title\":\"Not Found\",", ""),
                        "room_not_found"),
                Arguments.of("a blank title", 404, PROBLEM_JSON, PROBLEM.replace("Not Found", " "), "room_not_found"),
                Arguments.of("no detail", 404, PROBLEM_JSON, PROBLEM.replace("\"detail\":\"No such room.\",", ""),
                        "room_not_found"),
                Arguments.of("a null detail", 404, PROBLEM_JSON, PROBLEM.replace("\"No such room.\"", "null"),
                        "room_not_found"),
                Arguments.of("another code", 404, PROBLEM_JSON, PROBLEM, "not_found"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wanting")
    void anAnswerWantingAnyOfItIsNoProblem(String why, int httpStatus, String contentType, String body, String code) {
        assertThatThrownBy(() -> ProblemAssert.assertProblem(httpStatus, contentType, body, 404, code))
                .isInstanceOf(AssertionError.class);
    }
}
