package dev.parley.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

class JsonRequestsTests {

    // as the application's mapper writes problems: their properties (the code) at the top level
    private final JsonMapper json = JsonMapper.builder().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
            .build();
    private final JsonRequests filter = new JsonRequests(new ProblemResponses(json), List.of("/api/files"));

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "application/*", "text/plain", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "json", "application/json; charset=latin1", "application/xml"})
    void aBodyOfAnotherTypeIsAnUnsupportedMediaTypeProblemBeforeAnythingReadsIt(String contentType) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/rooms");
        request.addHeader("Content-Type", contentType);
        request.setContent(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<HttpServletRequest> passed = new AtomicReference<>();

        filter.doFilter(request, response, (req, res) -> passed.set((HttpServletRequest) req));

        assertThat(passed.get()).isNull();
        assertThat(response.getStatus()).isEqualTo(415);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(json.readTree(response.getContentAsByteArray()).path("code").asString())
                .isEqualTo("unsupported_media_type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "application/merge-patch+json"})
    void jsonBodiesPass(String contentType) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("PATCH", "/api/rooms/1");
        request.addHeader("Content-Type", contentType);
        AtomicReference<HttpServletRequest> passed = new AtomicReference<>();

        filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> passed.set((HttpServletRequest) req));

        assertThat(passed.get()).isNotNull();
    }

    @Test
    void anUploadPathTakesAMultipartFormPostAndNothingElse() throws Exception {
        MockHttpServletRequest upload = new MockHttpServletRequest("POST", "/api/files");
        upload.addHeader("Content-Type", "multipart/form-data; boundary=x");
        AtomicReference<HttpServletRequest> passed = new AtomicReference<>();
        filter.doFilter(upload, new MockHttpServletResponse(), (req, res) -> passed.set((HttpServletRequest) req));
        assertThat(passed.get()).isNotNull();

        for (String contentType : new String[] {"application/json", "multipart/form-data", "multipart/mixed; boundary=x"}) {
            MockHttpServletRequest other = new MockHttpServletRequest("POST", "/api/files");
            other.addHeader("Content-Type", contentType);
            MockHttpServletResponse response = new MockHttpServletResponse();
            passed.set(null);
            filter.doFilter(other, response, (req, res) -> passed.set((HttpServletRequest) req));
            assertThat(passed.get()).as(contentType).isNull();
            assertThat(response.getStatus()).as(contentType).isEqualTo(415);
            assertThat(json.readTree(response.getContentAsByteArray()).path("detail").asString())
                    .isEqualTo("Send multipart/form-data.");
        }
    }

    @Test
    void aReadWithAnyContentTypePassesAsItCarriesNoBody() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/rooms");
        request.addHeader("Content-Type", "*/*");
        AtomicReference<HttpServletRequest> passed = new AtomicReference<>();

        filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> passed.set((HttpServletRequest) req));

        assertThat(passed.get()).isNotNull();
    }

    @Test
    void acceptIsNotNegotiatedSoErrorsStayProblemJson() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/rooms");
        request.addHeader("Accept", "image/png");
        request.addHeader("X-Other", "kept");
        AtomicReference<HttpServletRequest> passed = new AtomicReference<>();

        filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> passed.set((HttpServletRequest) req));

        assertThat(passed.get().getHeader("Accept")).isNull();
        assertThat(Collections.list(passed.get().getHeaders("accept"))).isEmpty();
        assertThat(Collections.list(passed.get().getHeaderNames())).contains("X-Other").doesNotContain("Accept");
    }
}
