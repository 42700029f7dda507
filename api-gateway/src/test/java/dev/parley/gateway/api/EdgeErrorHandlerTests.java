package dev.parley.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ProblemAssert;
import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;
import reactor.netty.http.client.PrematureCloseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which failure becomes which problem, each a whole problem document (contract §2, {@link ProblemAssert}); the
 * end-to-end answers are in {@link EdgeErrorTests}.
 */
@ExtendWith(OutputCaptureExtension.class)
class EdgeErrorHandlerTests {

    private final EdgeErrorHandler handler = new EdgeErrorHandler(new EdgeProblems(JsonMapper.builder().build()));

    @Test
    void unreachableServicesAreUnavailableHoweverTheFailureIsWrapped() {
        answered(new IllegalStateException(new ConnectException("refused")), 503, "service_unavailable");
        answered(new ConnectTimeoutException("slow"), 503, "service_unavailable");
        answered(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE), 503, "service_unavailable");
    }

    @Test
    void aServiceEndingTheConnectionBeforeItsAnswerIsABadGateway() {
        answered(new IllegalStateException(PrematureCloseException.TEST_EXCEPTION), 502, "bad_gateway");
        answered(new java.io.IOException("recvAddress(..) failed: Connection reset by peer"), 502, "bad_gateway");
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeIsAGatewayTimeout() {
        answered(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT), 504, "gateway_timeout");
    }

    /** Netty's words when socket() fails with EMFILE: the edge is out of files for now, which the client may retry. */
    @Test
    void anEdgeOutOfOpenFilesIsUnavailableNotInternal() {
        var outOfFiles = new io.netty.channel.ChannelException("Unable to create Channel",
                new java.io.IOException("newSocketStream(..) failed: Too many open files"));
        answered(outOfFiles, 503, "service_unavailable");
        answered(new java.io.IOException("Broken pipe"), 500, "internal");
    }

    @Test
    void clientErrorsKeepTheirStatusAndEverythingElseIsInternal() {
        answered(new ResponseStatusException(HttpStatus.METHOD_NOT_ALLOWED), 405, "method_not_allowed");
        answered(new ResponseStatusException(HttpStatus.NOT_FOUND), 404, "not_found");
        answered(new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE), 413, "payload_too_large");
        answered(new ResponseStatusException(HttpStatus.I_AM_A_TEAPOT), 418, "bad_request");
        answered(new InvalidMediaTypeException("garbage/", "no subtype"), 400, "bad_request");
        answered(new RequestBodyDeadline.TooSlow("The body did not arrive in time."), 408, "request_timeout");
        answered(new IllegalStateException("bug"), 500, "internal");
    }

    /** An unexpected error's message alone does not say which path threw it (stop 43's W2): its stack trace is logged. */
    @Test
    void anUnexpectedErrorIsLoggedWithItsStackTraceAnExpectedOneWithoutIt(CapturedOutput output) {
        MockServerWebExchange unexpected = MockServerWebExchange.from(MockServerHttpRequest.get("/ws"));
        handler.handle(unexpected, new IllegalStateException("not foreseen")).block();
        MockServerWebExchange unreachable = MockServerWebExchange.from(MockServerHttpRequest.get("/api/rooms"));
        handler.handle(unreachable, new ConnectException("refused")).block();

        assertThat(unexpected.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(output.getOut()).contains("GET /ws answered 500 internal")
                .contains("java.lang.IllegalStateException: not foreseen")
                .contains("at dev.parley.gateway.api.EdgeErrorHandlerTests.anUnexpectedError");
        assertThat(output.getOut())
                .contains("GET /api/rooms answered 503 service_unavailable: java.net.ConnectException")
                .doesNotContain("at dev.parley.gateway.api.EdgeErrorHandler.handle");
    }

    /** A failed handover's 503 says why it failed (stop 85: the edge's own deadline, or ws-gateway's close). */
    @Test
    void anExpectedErrorIsLoggedWithItsCause(CapturedOutput output) {
        MockServerWebExchange handover = MockServerWebExchange.from(MockServerHttpRequest.get("/ws"));
        handler.handle(handover, new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                "ws-gateway did not take the connection", new IllegalStateException("closed before taking it"))).block();

        assertThat(handover.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(output.getOut()).contains("GET /ws answered 503 service_unavailable: ")
                .contains("ws-gateway did not take the connection\" (cause: java.lang.IllegalStateException: closed before taking it)")
                .doesNotContain("at dev.parley.gateway.api.EdgeErrorHandler.handle");
    }

    /** The problem the edge answers a request with when {@code error} ends it. */
    private JsonNode answered(Throwable error, int status, String code) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/rooms"));
        handler.handle(exchange, error).block();
        MockServerHttpResponse response = exchange.getResponse();
        return ProblemAssert.assertProblem(response.getStatusCode().value(),
                response.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE), response.getBodyAsString().block(),
                status, code);
    }
}
