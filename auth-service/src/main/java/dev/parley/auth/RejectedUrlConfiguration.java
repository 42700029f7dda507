package dev.parley.auth;

import dev.parley.platform.web.ProblemResponses;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Security's firewall refuses URLs that could be read two ways — an encoded ';', '/', '%' or
 * '\', a NUL, a non-normalized path — before any controller sees them, and answered a bare 400.
 * The firewall stays as strict as it is; its refusal is answered as the contract's 400
 * {@code validation_failed} problem instead (the field is {@code path}: which path variable the
 * offending characters were meant for is not known at that point).
 */
@Configuration
class RejectedUrlConfiguration {

    @Bean
    RequestRejectedHandler requestRejectedHandler(JsonMapper json) {
        return (request, response, rejected) -> {
            ProblemDetail problem = ProblemResponses.validationFailed(List.of(Map.of("field", "path",
                    "message", "The URL contains characters that are not allowed here.")));
            response.setStatus(problem.getStatus());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), problem);
        };
    }
}
