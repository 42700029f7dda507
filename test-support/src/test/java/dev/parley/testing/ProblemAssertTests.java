package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * ProblemAssert holds an answer to {@link dev.parley.events.ProblemDocument}'s rule (tested in common-events) and to
 * the status and code a test expects; here, that each adapter passes the answer on whole.
 */
class ProblemAssertTests {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM = """
            {"type":"about:blank","title":"Not Found","status":404,"detail":"No such room.","code":"room_not_found"}""";
    private static final String NO_DETAIL = PROBLEM.replace("\"detail\":\"No such room.\",", "");

    @Test
    void aWholeProblemOfTheStatusAndCodeExpectedPassesAndIsReturned() {
        assertThat(ProblemAssert.assertProblem(404, PROBLEM_JSON, PROBLEM, 404, "room_not_found")
                .path("detail").asString()).isEqualTo("No such room.");
    }

    @Test
    void anotherHttpStatusOrCodeOrAProblemThatIsNotWholeFails() {
        assertThatThrownBy(() -> ProblemAssert.assertProblem(400, PROBLEM_JSON, PROBLEM.replace("404", "400"), 404,
                "room_not_found")).isInstanceOf(AssertionError.class).hasMessageContaining("HTTP status");
        assertThatThrownBy(() -> ProblemAssert.assertProblem(404, PROBLEM_JSON, PROBLEM, 404, "not_found"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("code");
        assertThatThrownBy(() -> ProblemAssert.assertProblem(404, PROBLEM_JSON, NO_DETAIL, 404, "room_not_found"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no detail");
    }

    @Test
    void theMockMvcMatcherReadsTheServletAnswer() throws Exception {
        ResultMatcher roomNotFound = ProblemAssert.problem(404, "room_not_found");

        assertThatCode(() -> answered(404, PROBLEM_JSON + ";charset=UTF-8", PROBLEM).andExpect(roomNotFound))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> answered(404, PROBLEM_JSON, NO_DETAIL).andExpect(roomNotFound))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no detail");
        assertThatThrownBy(() -> answered(404, "application/json", PROBLEM).andExpect(roomNotFound))
                .isInstanceOf(AssertionError.class).hasMessageContaining("content type");
        assertThatThrownBy(() -> answered(403, PROBLEM_JSON, PROBLEM).andExpect(roomNotFound))
                .isInstanceOf(AssertionError.class).hasMessageContaining("HTTP status");
    }

    @Test
    void aRawAnswerIsReadWithItsHeadAndItsBody() {
        String head = "HTTP/1.1 404 Not Found\r\ncontent-type: application/problem+json\r\nconnection: close\r\n";

        assertThat(ProblemAssert.assertRawProblem(head + "content-length: " + PROBLEM.length() + "\r\n\r\n" + PROBLEM,
                404, "room_not_found").path("detail").asString()).isEqualTo("No such room.");
        assertThatThrownBy(() -> ProblemAssert.assertRawProblem(head + "\r\n" + NO_DETAIL, 404, "room_not_found"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no detail");
        assertThatThrownBy(() -> ProblemAssert.assertRawProblem(head.replace("404", "400") + "\r\n" + PROBLEM, 404,
                "room_not_found")).isInstanceOf(AssertionError.class).hasMessageContaining("HTTP status");
    }

    /** The answer through MockMvc itself, from a controller that says what it is told to. */
    private static ResultActions answered(int status, String contentType, String body) throws Exception {
        return MockMvcBuilders.standaloneSetup(new Answers()).build().perform(get("/answer")
                .param("status", Integer.toString(status)).param("type", contentType).param("body", body));
    }

    @RestController
    static class Answers {

        @GetMapping("/answer")
        ResponseEntity<String> answer(@RequestParam("status") int status, @RequestParam("type") String type,
                                      @RequestParam("body") String body) {
            return ResponseEntity.status(status).header(HttpHeaders.CONTENT_TYPE, type).body(body);
        }
    }
}
