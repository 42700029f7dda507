package dev.parley.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RawHttpAnswerTests {

    private static final String PROBLEM = """
            {"title":"Service Unavailable","status":503,"detail":"Try again.","code":"service_unavailable"}""";
    private static final String HEAD = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\n"
            + "Retry-After: 1\r\n";

    @Test
    void aBodyOfItsContentLengthIsReadAndWhatFollowsIsLeft() throws Exception {
        InputStream in = stream(HEAD + "Content-Length: " + PROBLEM.length() + "\r\n\r\n" + PROBLEM + "NEXT");

        RawHttpAnswer answer = RawHttpAnswer.read(in);

        assertThat(answer).isEqualTo(new RawHttpAnswer(503, Map.of("content-type", "application/problem+json",
                "retry-after", "1", "content-length", Integer.toString(PROBLEM.length())), PROBLEM));
        assertThat(answer.header("Retry-After")).hasValue("1");
        assertThat(answer.problem().whole()).isTrue();
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("NEXT");
    }

    @Test
    void aChunkedBodyIsJoinedUpToItsLastChunkAndTrailer() throws Exception {
        InputStream in = stream(HEAD + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(10) + "\r\n"
                + PROBLEM.substring(0, 10) + "\r\n" + Integer.toHexString(PROBLEM.length() - 10) + ";ext=1\r\n"
                + PROBLEM.substring(10) + "\r\n0\r\nX-Trailer: t\r\n\r\nNEXT");

        assertThat(RawHttpAnswer.read(in).body()).isEqualTo(PROBLEM);
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("NEXT");
    }

    @Test
    void withoutEitherTheBodyIsAllUntilTheCloseAndASwitchHasNone() throws Exception {
        assertThat(RawHttpAnswer.parse(HEAD + "\r\n" + PROBLEM).body()).isEqualTo(PROBLEM);

        InputStream in = stream("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\u0081\u0002hi");
        assertThat(RawHttpAnswer.read(in)).extracting(RawHttpAnswer::status, RawHttpAnswer::body).containsExactly(101, "");
        assertThat(in.available()).as("the WebSocket's first frame, left to read").isPositive();
    }

    @Test
    void aFieldSentTwiceIsJoinedAndNamesAreReadInAnyCase() {
        RawHttpAnswer answer = RawHttpAnswer.parse("HTTP/1.1 204 No Content\r\nVary: Origin\r\nVARY: Accept\r\n\r\n");

        assertThat(answer.header("vary")).hasValue("Origin, Accept");
        assertThat(answer.contentType()).isNull();
        assertThat(answer.problem().defects()).contains("content type null, not application/problem+json",
                "not a JSON object");
    }

    @Test
    void whatIsNotAWholeHttpAnswerIsRefused() {
        assertThatThrownBy(() -> RawHttpAnswer.read(stream(""))).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> RawHttpAnswer.read(stream("SSH-2.0-OpenSSH\r\n\r\n")))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("SSH-2.0");
        assertThatThrownBy(() -> RawHttpAnswer.read(stream("HTTP/1.1 503 Service Unavailable\r\nContent-Ty")))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> RawHttpAnswer.read(stream("HTTP/1.1 503 x\r\nContent-Length: 10\r\n\r\n{}")))
                .isInstanceOf(EOFException.class).hasMessageContaining("cut short");
        assertThatThrownBy(() -> RawHttpAnswer.read(stream("HTTP/1.1 503 x\r\nTransfer-Encoding: chunked\r\n\r\n1a\r\n{")))
                .isInstanceOf(EOFException.class).hasMessageContaining("cut short");
        assertThatThrownBy(() -> RawHttpAnswer.read(stream("HTTP/1.1 503 x\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n")))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> RawHttpAnswer.read(stream("HTTP/1.1 503 x\r\nContent-Length: 2GB\r\n\r\n")))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> RawHttpAnswer.parse("HTTP/1.1 503 x\r\nContent-Length: 10\r\n\r\n{}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static InputStream stream(String raw) {
        return new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8));
    }
}
