package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawHttpTests {

    @Test
    void readsTheHeadAndLeavesWhatFollowsIt() throws Exception {
        InputStream in = new ByteArrayInputStream("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\nframe"
                .getBytes(StandardCharsets.ISO_8859_1));

        assertThat(RawHttp.readHead(in)).isEqualTo("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n");
        assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("frame");
    }

    @Test
    void aStreamThatEndsWithinTheHeadIsAnError() {
        InputStream in = new ByteArrayInputStream("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> RawHttp.readHead(in)).isInstanceOf(EOFException.class).hasMessageContaining("200 OK");
    }
}
