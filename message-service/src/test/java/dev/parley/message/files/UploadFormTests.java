package dev.parley.message.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The multipart reader stops reading a body as soon as a part passes its limit, whatever the sender sends on. */
class UploadFormTests {

    private static final int LIMIT = 1000;

    @Test
    void aPartPastItsLimitStopsTheReadingAtOnce() throws Exception {
        EndlessBody body = new EndlessBody(("--" + MultipartBodies.BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"huge.bin\"\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        UploadForm form = new UploadForm(requestFor(body));
        form.open(LIMIT);
        InputStream content = form.next().orElseThrow().content();

        assertThatThrownBy(content::readAllBytes).isInstanceOf(UploadForm.TooLarge.class);
        assertThat(body.served).as("bytes read from the connection").isLessThan(LIMIT + 16 * 1024);
    }

    @Test
    void aDeclaredLengthPastTheLimitAndItsEnvelopeIsRefusedBeforeAnyPart() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/files");
        request.setContentType(MultipartBodies.CONTENT_TYPE);
        request.setContent(MultipartBodies.of(MultipartBodies.file("big.bin", null,
                new byte[LIMIT + (int) UploadForm.ENVELOPE_BYTES + 1])));

        assertThatThrownBy(() -> new UploadForm(request).open(LIMIT)).isInstanceOf(UploadForm.TooLarge.class);
    }

    @Test
    void aBodyCutShortIsUnreadable() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/files");
        request.setContentType(MultipartBodies.CONTENT_TYPE);
        request.setContent(("--" + MultipartBodies.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n"
                + "and then the connection ends").getBytes(StandardCharsets.UTF_8));
        UploadForm form = new UploadForm(request);
        form.open(LIMIT);

        assertThatThrownBy(() -> form.next().orElseThrow().content().readAllBytes())
                .isInstanceOf(UploadForm.Unreadable.class);
    }

    private static HttpServletRequestWrapper requestFor(EndlessBody body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/files");
        request.setContentType(MultipartBodies.CONTENT_TYPE);
        return new HttpServletRequestWrapper(request) {
            @Override
            public ServletInputStream getInputStream() {
                return body;
            }

            @Override
            public long getContentLengthLong() {
                return -1; // chunked: only reading finds out how large it is
            }

            @Override
            public int getContentLength() {
                return -1;
            }
        };
    }

    /** A part's head and then bytes without end — but failing the test, not hanging it, after 10 MB. */
    private static final class EndlessBody extends ServletInputStream {

        private final InputStream bytes;
        private long served;

        EndlessBody(byte[] head) {
            this.bytes = new SequenceInputStream(new ByteArrayInputStream(head), InputStream.nullInputStream());
        }

        @Override
        public int read() {
            if (served++ > 10_000_000) {
                throw new AssertionError("the reader did not stop at the limit");
            }
            try {
                int head = bytes.read();
                return head < 0 ? 'x' : head;
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean isFinished() {
            return false;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
        }
    }
}
