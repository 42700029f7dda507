package dev.parley.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;
import reactor.netty.http.client.PrematureCloseException;
import tools.jackson.databind.json.JsonMapper;

/** Which failure becomes which problem; the end-to-end answers are in {@link EdgeErrorTests}. */
@ExtendWith(OutputCaptureExtension.class)
class EdgeErrorHandlerTests {

    @Test
    void unreachableServicesAreUnavailableHoweverTheFailureIsWrapped() {
        assertThat(EdgeErrorHandler.problemFor(new IllegalStateException(new ConnectException("refused"))).code())
                .isEqualTo("service_unavailable");
        assertThat(EdgeErrorHandler.problemFor(new ConnectTimeoutException("slow")).code()).isEqualTo("service_unavailable");
        assertThat(EdgeErrorHandler.problemFor(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE)).status())
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void aServiceEndingTheConnectionBeforeItsAnswerIsABadGateway() {
        assertThat(EdgeErrorHandler.problemFor(new IllegalStateException(PrematureCloseException.TEST_EXCEPTION)).status())
                .isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(EdgeErrorHandler.problemFor(new java.io.IOException("recvAddress(..) failed: Connection reset by peer"))
                .status()).isEqualTo(HttpStatus.BAD_GATEWAY);
    }

    /** Netty's words when socket() fails with EMFILE: the edge is out of files for now, which the client may retry. */
    @Test
    void anEdgeOutOfOpenFilesIsUnavailableNotInternal() {
        var outOfFiles = new io.netty.channel.ChannelException("Unable to create Channel",
                new java.io.IOException("newSocketStream(..) failed: Too many open files"));
        assertThat(EdgeErrorHandler.problemFor(outOfFiles).status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(EdgeErrorHandler.problemFor(new java.io.IOException("Broken pipe")).status())
                .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }

    @Test
    void clientErrorsKeepTheirStatusAndEverythingElseIsInternal() {
        assertThat(EdgeErrorHandler.problemFor(new ResponseStatusException(HttpStatus.METHOD_NOT_ALLOWED)).code())
                .isEqualTo("method_not_allowed");
        assertThat(EdgeErrorHandler.problemFor(new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE)).status())
                .isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(EdgeErrorHandler.problemFor(new ResponseStatusException(HttpStatus.I_AM_A_TEAPOT)).code())
                .isEqualTo("bad_request");
        assertThat(EdgeErrorHandler.problemFor(new InvalidMediaTypeException("garbage/", "no subtype")).status())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(EdgeErrorHandler.problemFor(new IllegalStateException("bug")).status())
                .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }

    /** An unexpected error's message alone does not say which path threw it (stop 43's W2): its stack trace is logged. */
    @Test
    void anUnexpectedErrorIsLoggedWithItsStackTraceAnExpectedOneWithoutIt(CapturedOutput output) {
        EdgeErrorHandler handler = new EdgeErrorHandler(new EdgeProblems(JsonMapper.builder().build()));
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
}
