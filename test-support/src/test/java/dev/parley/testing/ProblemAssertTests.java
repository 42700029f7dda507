package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

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

        assertThatCode(() -> roomNotFound.match(answered(404, PROBLEM_JSON + ";charset=UTF-8", PROBLEM)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> roomNotFound.match(answered(404, PROBLEM_JSON, NO_DETAIL)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no detail");
        assertThatThrownBy(() -> roomNotFound.match(answered(404, "application/json", PROBLEM)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("content type");
        assertThatThrownBy(() -> roomNotFound.match(answered(403, PROBLEM_JSON, PROBLEM)))
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

    private static MvcResult answered(int status, String contentType, String body) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setStatus(status);
        response.setContentType(contentType);
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        return new Answered(response);
    }

    /** Only what the matcher reads: the servlet response. */
    private record Answered(MockHttpServletResponse getResponse) implements MvcResult {

        @Override
        public MockHttpServletRequest getRequest() {
            return new MockHttpServletRequest();
        }

        @Override
        public Object getHandler() {
            return null;
        }

        @Override
        public HandlerInterceptor[] getInterceptors() {
            return null;
        }

        @Override
        public ModelAndView getModelAndView() {
            return null;
        }

        @Override
        public Exception getResolvedException() {
            return null;
        }

        @Override
        public FlashMap getFlashMap() {
            return new FlashMap();
        }

        @Override
        public Object getAsyncResult() {
            return null;
        }

        @Override
        public Object getAsyncResult(long timeToWait) {
            return null;
        }
    }
}
