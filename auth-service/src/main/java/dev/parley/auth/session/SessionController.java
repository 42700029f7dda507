package dev.parley.auth.session;

import dev.parley.platform.network.ClientAddresses;
import dev.parley.platform.security.CurrentUser;
import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Collections;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SessionController {

    private static final String COOKIE_SESSION = "With `Parley-Session: cookie` (browsers): the refresh token is set as "
            + "the HttpOnly cookie `parley_refresh` (`Path=/api/auth; SameSite=Strict`, `Secure` over https) and left "
            + "out of the JSON answer.";

    private final Sessions sessions;
    private final ClientAddresses clients;

    SessionController(Sessions sessions, ClientAddresses clients) {
        this.sessions = sessions;
        this.clients = clients;
    }

    record Login(@NotNull @Size(max = 64) String username, @NotNull @Size(max = 256) String password) {
    }

    /**
     * Any string: one of the wrong shape or length is simply not a valid refresh token (401). Required, unless
     * the request is a cookie session's, which may leave it to the cookie.
     */
    record Refresh(String refreshToken) {
    }

    /** The opt-in header of a cookie session, as the OpenAPI document describes it. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Parameter(in = ParameterIn.HEADER, name = RefreshCookie.REQUEST_HEADER, required = false,
            schema = @Schema(type = "string", allowableValues = RefreshCookie.COOKIE_MODE),
            description = "`cookie`: a browser's session — the refresh token travels in the HttpOnly cookie "
                    + "`parley_refresh` only, never in a JSON body.")
    @Parameter(in = ParameterIn.COOKIE, name = RefreshCookie.NAME, required = false, schema = @Schema(type = "string"),
            description = "The refresh token of a cookie session; read only with `Parley-Session: cookie`, and "
                    + "only when the body carries no `refreshToken`.")
    @interface CookieSession {
    }

    @Operation(summary = "Log in", description = COOKIE_SESSION, responses = {
            @ApiResponse(responseCode = "200", description = "Tokens", headers = @Header(name = HttpHeaders.SET_COOKIE,
                    description = "`parley_refresh`, for a cookie session only", schema = @Schema(type = "string"))),
            @ApiResponse(responseCode = "400", description = "validation_failed"),
            @ApiResponse(responseCode = "401", description = "invalid_credentials"),
            @ApiResponse(responseCode = "429", description = "too_many_attempts, with Retry-After"),
            @ApiResponse(responseCode = "503", description = "service_unavailable, with Retry-After: too many sign-ins at once; try again shortly")})
    @CookieSession
    @PostMapping("/api/auth/login")
    ResponseEntity<Tokens> login(@Valid @RequestBody Login login, HttpServletRequest request) {
        // the client's address: the api-gateway's X-Forwarded-For, believed from a trusted proxy only
        String client = clients.of(request.getRemoteAddr(),
                Collections.list(request.getHeaders(ClientAddresses.X_FORWARDED_FOR)));
        return answer(sessions.login(login.username(), login.password(), client), request);
    }


    @Operation(summary = "Exchange a refresh token (it is spent)", description = COOKIE_SESSION
            + " A cookie session's body may be `{}` or empty: the cookie's token is exchanged, and a new cookie set; "
            + "when it is not valid the answer clears the cookie.", responses = {
            @ApiResponse(responseCode = "200", description = "Tokens", headers = @Header(name = HttpHeaders.SET_COOKIE,
                    description = "`parley_refresh` with the next refresh token, for a cookie session only",
                    schema = @Schema(type = "string"))),
            @ApiResponse(responseCode = "400", description = "validation_failed: no refreshToken (outside a cookie session)"),
            @ApiResponse(responseCode = "401", description = "invalid_refresh_token")})
    @CookieSession
    @PostMapping("/api/auth/refresh")
    ResponseEntity<?> refresh(@Valid @RequestBody(required = false) Refresh refresh, HttpServletRequest request) {
        boolean cookieSession = RefreshCookie.requested(request);
        String presented = presented(refresh, cookieSession, request);
        if (!cookieSession) {
            return answer(sessions.refresh(presented), request);
        }
        try {
            if (presented == null) {
                throw Sessions.invalidRefreshToken();
            }
            return answer(sessions.refresh(presented), request);
        } catch (ApiException refused) {
            return ResponseEntity.status(refused.status()).header(HttpHeaders.SET_COOKIE, RefreshCookie.cleared(request).toString())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ProblemResponses.problem(refused.status(), refused.code(), refused.getMessage()));
        }
    }

    @Operation(summary = "Revoke the refresh token's family (the caller's own tokens only)",
            description = "A cookie session's body may be `{}` or empty: the cookie's token is revoked, and the cookie cleared.",
            responses = {
                    @ApiResponse(responseCode = "204", description = "done"),
                    @ApiResponse(responseCode = "400", description = "validation_failed: no refreshToken (outside a cookie session)"),
                    @ApiResponse(responseCode = "401", description = "unauthorized")})
    @SecurityRequirement(name = "bearer")
    @CookieSession
    @PostMapping("/api/auth/logout")
    ResponseEntity<Void> logout(@CurrentUser UUID caller, @Valid @RequestBody(required = false) Refresh refresh,
                                HttpServletRequest request) {
        boolean cookieSession = RefreshCookie.requested(request);
        String presented = presented(refresh, cookieSession, request);
        if (presented != null) {
            sessions.logout(caller, presented);
        }
        ResponseEntity.HeadersBuilder<?> done = ResponseEntity.noContent();
        if (cookieSession) {
            done.header(HttpHeaders.SET_COOKIE, RefreshCookie.cleared(request).toString());
        }
        return done.build();
    }

    /** The body's refresh token; else, for a cookie session, the cookie's (or null); else the body must have had one. */
    private static String presented(Refresh refresh, boolean cookieSession, HttpServletRequest request) {
        if (refresh != null && refresh.refreshToken() != null) {
            return refresh.refreshToken();
        }
        if (cookieSession) {
            return RefreshCookie.read(request);
        }
        throw ApiException.invalid("refreshToken", "must not be null");
    }

    private static ResponseEntity<Tokens> answer(Tokens tokens, HttpServletRequest request) {
        if (!RefreshCookie.requested(request)) {
            return ResponseEntity.ok(tokens);
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.SET_COOKIE, RefreshCookie.holding(tokens.refreshToken(), tokens.refreshExpiresIn(), request).toString())
                .body(tokens.withoutRefreshToken());
    }
}
