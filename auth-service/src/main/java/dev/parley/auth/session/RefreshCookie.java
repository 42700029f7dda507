package dev.parley.auth.session;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import org.springframework.http.ResponseCookie;

/**
 * A cookie session, for browsers: a request with {@code Parley-Session: cookie} gets its refresh token as
 * an {@code HttpOnly; SameSite=Strict; Path=/api/auth} cookie (and {@code Secure} when the client's request
 * was https) instead of in the JSON answer, so no script of the page can ever read it; refresh and logout
 * take it from the cookie when their body carries none. Opt-in and additive: without the header nothing
 * changes. The cookie is only read on requests that carry the header too — a page of another site cannot
 * add it without a CORS preflight, and SameSite keeps the browser from sending the cookie there anyway.
 */
final class RefreshCookie {

    static final String REQUEST_HEADER = "Parley-Session";
    static final String COOKIE_MODE = "cookie";
    static final String NAME = "parley_refresh";
    static final String PATH = "/api/auth";

    private RefreshCookie() {
    }

    /** Whether the client asked for a cookie session. */
    static boolean requested(HttpServletRequest request) {
        return COOKIE_MODE.equalsIgnoreCase(request.getHeader(REQUEST_HEADER));
    }

    /** The refresh token the browser sent in the cookie, or null. */
    static String read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        return Arrays.stream(cookies).filter(cookie -> NAME.equals(cookie.getName())).map(Cookie::getValue)
                .filter(value -> !value.isEmpty()).findFirst().orElse(null);
    }

    /** Holds {@code refreshToken} for as long as the token itself is valid. */
    static ResponseCookie holding(String refreshToken, long lifetimeSeconds, HttpServletRequest request) {
        return cookie(refreshToken, Duration.ofSeconds(lifetimeSeconds), request);
    }

    /** Tells the browser to forget the cookie (logout, or a refresh token that is no longer valid). */
    static ResponseCookie cleared(HttpServletRequest request) {
        return cookie("", Duration.ZERO, request);
    }

    private static ResponseCookie cookie(String value, Duration maxAge, HttpServletRequest request) {
        return ResponseCookie.from(NAME, value).httpOnly(true).secure(https(request)).sameSite("Strict").path(PATH)
                .maxAge(maxAge).build();
    }

    /**
     * The client's request was https: here, or at a proxy in front (TLS usually ends at the ingress; each hop
     * forwards the scheme it saw in {@code X-Forwarded-Proto}). A client claiming https over plain http only
     * gets a cookie its browser will not keep.
     */
    private static boolean https(HttpServletRequest request) {
        return request.isSecure() || Collections.list(request.getHeaders("X-Forwarded-Proto")).stream()
                .flatMap(value -> Arrays.stream(value.split(","))).anyMatch(proto -> proto.strip().equalsIgnoreCase("https"));
    }
}
