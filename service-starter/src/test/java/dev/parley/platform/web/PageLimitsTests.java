package dev.parley.platform.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.validation.constraints.Min;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Contract §2: a {@code limit} defaults to 50; one above the maximum is clamped to it, however many digits it has. */
class PageLimitsTests {

    private final MockMvc mvc = mockMvc();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"7, 7", "100, 100", "101, 100", "2147483647, 100", "2147483648, 100", "99999999999, 100",
            "99999999999999999999999999999999, 100"})
    void aLimitOfDigitsIsClampedToTheMaximumWhateverItsSize(String limit, int pageSize) throws Exception {
        mvc.perform(get("/items").param("limit", limit)).andExpect(status().isOk())
                .andExpect(content().string(String.valueOf(pageSize)));
        mvc.perform(get("/boxed").param("limit", limit)).andExpect(status().isOk())
                .andExpect(content().string(String.valueOf(pageSize)));
    }

    @Test
    void withoutALimitAPageIsFifty() throws Exception {
        mvc.perform(get("/items")).andExpect(status().isOk()).andExpect(content().string("50"));
        mvc.perform(get("/boxed")).andExpect(status().isOk()).andExpect(content().string("50"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0", "-3", "-99999999999", "ten", "1e3"})
    void zeroNegativesAndNonNumbersStayValidationProblems(String limit) throws Exception {
        mvc.perform(get("/items").param("limit", limit)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("limit"));
        mvc.perform(get("/boxed").param("limit", limit)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("limit"));
    }

    @RestController
    static class Lists {

        @GetMapping("/items")
        int items(@RequestParam(defaultValue = PageLimits.DEFAULT_LIMIT) @Min(1) int limit) {
            return PageLimits.clamp(limit);
        }

        @GetMapping("/boxed")
        int boxed(@RequestParam(required = false) @Min(1) Integer limit) {
            return PageLimits.clamp(limit == null ? Integer.parseInt(PageLimits.DEFAULT_LIMIT) : limit);
        }
    }

    private static MockMvc mockMvc() {
        JsonMapper.Builder json = JsonMapper.builder().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class);
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.afterPropertiesSet();
        return MockMvcBuilders.standaloneSetup(new Lists())
                .setControllerAdvice(new PageLimits(), new ApiExceptionHandler())
                .setMessageConverters(new JacksonJsonHttpMessageConverter(json.build()))
                .setValidator(validator)
                .build();
    }
}
