package dev.parley.bench.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

/** The bench counts every error through the edge that is not a whole problem document, and says what it lacks. */
class HttpVerdictTests {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Test
    void aWholeProblemDocumentPassesAndItsCodeIsRead() {
        Tally tally = new Tally();

        String code = HttpVerdict.judge(answer(404, PROBLEM_JSON, """
                {"title":"Not Found","status":404,"detail":"No such room.","code":"room_not_found"}"""), "GET /x", tally);

        assertThat(code).isEqualTo("room_not_found");
        assertThat(tally.get(HttpVerdict.NOT_PROBLEM)).isZero();
        assertThat(tally.get("http 404")).isEqualTo(1);
    }

    @Test
    void aProblemWithACodeButNoDetailOrTitleOrTheRightStatusCountsAsNoProblem() {
        Tally tally = new Tally();

        HttpVerdict.judge(answer(404, PROBLEM_JSON, """
                {"title":"Not Found","status":404,"code":"room_not_found"}"""), "GET /no-detail", tally);
        HttpVerdict.judge(answer(404, PROBLEM_JSON, """
                {"status":404,"detail":"No such room.","code":"room_not_found"}"""), "GET /no-title", tally);
        HttpVerdict.judge(answer(404, PROBLEM_JSON, """
                {"title":"Bad Request","status":400,"detail":"No such room.","code":"room_not_found"}"""),
                "GET /other-status", tally);
        HttpVerdict.judge(answer(404, "application/json", """
                {"title":"Not Found","status":404,"detail":"No such room.","code":"room_not_found"}"""),
                "GET /plain-json", tally);

        assertThat(tally.get(HttpVerdict.NOT_PROBLEM)).isEqualTo(4);
        assertThat(tally.examples(HttpVerdict.NOT_PROBLEM)).satisfiesExactly(
                example -> assertThat(example).startsWith("no detail: GET /no-detail"),
                example -> assertThat(example).startsWith("no title: GET /no-title"),
                example -> assertThat(example).startsWith("status 400 for HTTP 404: GET /other-status"),
                example -> assertThat(example).contains("not application/problem+json: GET /plain-json"));
    }

    @Test
    void aSuccessIsNotAProblemToJudge() {
        Tally tally = new Tally();

        HttpVerdict.judge(answer(200, "application/json", "{}"), "GET /ok", tally);

        assertThat(tally.get(HttpVerdict.NOT_PROBLEM)).isZero();
    }

    private static HttpResponse<String> answer(int status, String contentType, String body) {
        return new Answer(status, HttpHeaders.of(Map.of("Content-Type", List.of(contentType)), (name, value) -> true),
                body);
    }

    /** Only what the verdict reads: status, headers and body. */
    private record Answer(int statusCode, HttpHeaders headers, String body) implements HttpResponse<String> {

        @Override
        public HttpRequest request() {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).build();
        }

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request().uri();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
