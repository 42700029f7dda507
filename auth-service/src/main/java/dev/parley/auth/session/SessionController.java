package dev.parley.auth.session;

import dev.parley.auth.throttle.TooManyAttempts;
import dev.parley.platform.security.CurrentUser;
import dev.parley.platform.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SessionController {

    private final Sessions sessions;

    SessionController(Sessions sessions) {
        this.sessions = sessions;
    }

    record Login(@NotNull @Size(max = 64) String username, @NotNull @Size(max = 256) String password) {
    }

    /** Any string: one of the wrong shape or length is simply not a valid refresh token (401). */
    record Refresh(@NotNull String refreshToken) {
    }

    @Operation(summary = "Log in", responses = {
            @ApiResponse(responseCode = "200", description = "Tokens"),
            @ApiResponse(responseCode = "400", description = "validation_failed"),
            @ApiResponse(responseCode = "401", description = "invalid_credentials"),
            @ApiResponse(responseCode = "429", description = "too_many_attempts, with Retry-After")})
    @PostMapping("/api/auth/login")
    Tokens login(@Valid @RequestBody Login login, HttpServletRequest request) {
        // the client's address: the api-gateway's X-Forwarded-For, trusted from internal proxies only
        return sessions.login(login.username(), login.password(), request.getRemoteAddr());
    }

    @ExceptionHandler(TooManyAttempts.class)
    ResponseEntity<ProblemDetail> tooManyAttempts(TooManyAttempts e) {
        return ResponseEntity.status(e.status())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemResponses.problem(e.status(), e.code(), e.getMessage()));
    }

    @Operation(summary = "Exchange a refresh token (it is spent)", responses = {
            @ApiResponse(responseCode = "200", description = "Tokens"),
            @ApiResponse(responseCode = "401", description = "invalid_refresh_token")})
    @PostMapping("/api/auth/refresh")
    Tokens refresh(@Valid @RequestBody Refresh refresh) {
        return sessions.refresh(refresh.refreshToken());
    }

    @Operation(summary = "Revoke the refresh token's family (the caller's own tokens only)", responses = {
            @ApiResponse(responseCode = "204", description = "done"),
            @ApiResponse(responseCode = "401", description = "unauthorized")})
    @SecurityRequirement(name = "bearer")
    @PostMapping("/api/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(@CurrentUser UUID caller, @Valid @RequestBody Refresh refresh) {
        sessions.logout(caller, refresh.refreshToken());
    }
}
