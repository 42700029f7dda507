package dev.parley.platform.web;

import static dev.parley.testing.ProblemAssert.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Contract §2: every error a controller raises is a problem document (status, title, detail) with a {@code code},
 * fields named as sent.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApiExceptionHandlerTests {

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Endpoints())
            .setControllerAdvice(new ApiExceptionHandler(), new UnexpectedErrorHandler())
            .setMessageConverters(new JacksonJsonHttpMessageConverter(strictMapper()))
            .build();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"attachments\":[\"x\"]}                 | attachments",
            "{\"threadRoot\":\"7\"}                    | threadRoot",
            "{\"reply\":{\"threadRoot\":\"7\"}}        | reply.threadRoot",
            "{\"replies\":[{\"threadRoot\":true}]}     | replies.threadRoot",
            "[1]                                       | body"})
    void aWrongJsonTypeNamesThePropertyTheClientSent(String body, String field) throws Exception {
        mvc.perform(post("/send").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(problem(400, "validation_failed"))
                .andExpect(jsonPath("$.errors[0].field").value(field));
    }

    @Test
    void anUnexpectedExceptionIsAnInternalProblemThatTellsTheClientNothingOfIt(CapturedOutput output) throws Exception {
        mvc.perform(get("/broken"))
                .andExpect(problem(500, "internal"))
                .andExpect(result -> assertThat(result.getResponse().getContentAsString()).doesNotContain("s3cret"));
        assertThat(output).contains("ERROR").contains("s3cret").contains("at dev.parley.platform.web");
    }

    @Test
    void aMethodThePathDoesNotTakeIsAProblemWithTheAllowHeader() throws Exception {
        mvc.perform(post("/broken").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(problem(405, "method_not_allowed"))
                .andExpect(header().string("Allow", containsString("GET")));
    }

    /** One home for "when to try again": whole seconds rounded up in the header, the milliseconds for rate_limited. */
    @Test
    void anErrorThatSaysWhenToTryAgainCarriesRetryAfterAndForRateLimitedRetryAfterMs() throws Exception {
        mvc.perform(get("/limited"))
                .andExpect(problem(429, "rate_limited"))
                .andExpect(jsonPath("$.retryAfterMs").value(1500))
                .andExpect(header().string("Retry-After", "2"));
        mvc.perform(get("/busy"))
                .andExpect(problem(503, "service_unavailable"))
                .andExpect(jsonPath("$.retryAfterMs").doesNotExist())
                .andExpect(header().string("Retry-After", "1"));
        mvc.perform(get("/gone"))
                .andExpect(problem(404, "not_found"))
                .andExpect(header().doesNotExist("Retry-After"));
    }

    @Test
    void aBodyOfAnotherMediaTypeIsAProblem() throws Exception {
        mvc.perform(post("/send").contentType(MediaType.TEXT_PLAIN).content("hi"))
                .andExpect(problem(415, "unsupported_media_type"));
    }

    /** Spring's own client errors say why in their detail; one that does not still gets a detail of its own. */
    @Test
    void aClientErrorSpringRaisedWithoutADetailIsAProblemWithOne() throws Exception {
        mvc.perform(get("/refused")).andExpect(problem(409, "bad_request"));
    }

    record Reply(long threadRoot) {
    }

    record Send(List<UUID> attachments, Long threadRoot, Reply reply, List<Reply> replies) {
    }

    @RestController
    static class Endpoints {

        @PostMapping("/send")
        String send(@RequestBody Send send) {
            return "sent";
        }

        @GetMapping("/limited")
        String limited() {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "rate_limited", "slow down", Duration.ofMillis(1500));
        }

        @GetMapping("/busy")
        String busy() {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ApiException.SERVICE_UNAVAILABLE, "busy",
                    Duration.ofMillis(200));
        }

        @GetMapping("/gone")
        String gone() {
            throw new ApiException(HttpStatus.NOT_FOUND, "not_found", "gone");
        }

        @GetMapping("/refused")
        String refused() {
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }

        @GetMapping("/broken")
        String broken() {
            throw new IllegalStateException("the s3cret connection string");
        }
    }

    private static JsonMapper strictMapper() {
        JsonMapper.Builder builder = JsonMapper.builder().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class);
        new StrictJsonConfiguration().parleyStrictJson().customize(builder);
        return builder.build();
    }
}
