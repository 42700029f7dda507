package dev.parley.platform.web;

import dev.parley.events.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import tools.jackson.databind.json.JsonMapper;

/** Problem details with a {@code code} (contract §2), including those written outside Spring MVC. */
public final class ProblemResponses {

    private final JsonMapper jsonMapper;

    public ProblemResponses(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    public static ProblemDetail problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", code);
        return problem;
    }

    public static ProblemDetail validationFailed(List<Map<String, String>> errors) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_FAILED.wireName(), "The request is not valid.");
        problem.setProperty("errors", errors);
        return problem;
    }

    public void unauthorized(HttpServletRequest request, HttpServletResponse response,
                             AuthenticationException cause) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        write(response, problem(HttpStatus.UNAUTHORIZED, ErrorCode.UNAUTHORIZED.wireName(),
                "A valid bearer access token is required."));
    }

    public void forbidden(HttpServletRequest request, HttpServletResponse response,
                          AccessDeniedException cause) throws IOException {
        write(response, problem(HttpStatus.FORBIDDEN, ErrorCode.FORBIDDEN.wireName(), "This action is not allowed."));
    }

    public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        jsonMapper.writeValue(response.getOutputStream(), problem);
    }
}
