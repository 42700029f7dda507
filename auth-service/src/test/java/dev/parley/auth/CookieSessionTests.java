package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The browser's session (opt-in with {@code Parley-Session: cookie}): the refresh token lives in an HttpOnly
 * cookie scoped to {@code /api/auth}, never in a body a script could read; refresh and logout take it from
 * there. Without the header, the JSON contract is what it always was.
 */
class CookieSessionTests extends AuthIntegrationTest {

    @Test
    void aCookieLoginSetsTheRefreshTokenAsAnHttpOnlyStrictCookieAndLeavesItOutOfTheBody() {
        Answer login = cookieLogin(newUser());
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body().path("accessToken").asString()).isNotEmpty();
        assertThat(login.body().path("expiresIn").asLong()).isEqualTo(900);
        assertThat(login.body().path("refreshExpiresIn").asLong()).isEqualTo(30L * 24 * 3600);
        assertThat(login.body().has("refreshToken")).as("a script never sees the refresh token").isFalse();
        String cookie = setCookie(login);
        assertThat(cookie).startsWith("parley_refresh=").contains("; Path=/api/auth").contains("; HttpOnly")
                .contains("; SameSite=Strict").contains("; Max-Age=2592000").doesNotContain("Secure");
        assertThat(value(cookie)).hasSize(43);
    }

    @Test
    void theCookieIsSecureWhenTheClientsRequestWasHttps() {
        String username = newUser();
        Answer login = cookieSend("/api/auth/login", credentials(username), null, "X-Forwarded-Proto", "https");
        assertThat(setCookie(login)).contains("; Secure").contains("; HttpOnly");
    }

    @Test
    void refreshWithoutABodyExchangesTheCookiesTokenAndRotatesIt() {
        String first = value(setCookie(cookieLogin(newUser())));
        Answer refreshed = cookieSend("/api/auth/refresh", null, first);
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.body().path("accessToken").asString()).isNotEmpty();
        assertThat(refreshed.body().has("refreshToken")).isFalse();
        String second = value(setCookie(refreshed));
        assertThat(second).hasSize(43).isNotEqualTo(first);
        assertThat(cookieSend("/api/auth/refresh", "{}", second).status()).as("an empty object works too").isEqualTo(200);
    }

    @Test
    void aSpentCookieIsRefusedTheAnswerClearsTheCookieAndTheFamilyIsRevoked() {
        String first = value(setCookie(cookieLogin(newUser())));
        String second = value(setCookie(cookieSend("/api/auth/refresh", null, first)));
        Answer reused = cookieSend("/api/auth/refresh", null, first);
        assertProblem(reused, 401, "invalid_refresh_token");
        assertThat(setCookie(reused)).startsWith("parley_refresh=;").contains("Max-Age=0").contains("Path=/api/auth");
        assertProblem(cookieSend("/api/auth/refresh", null, second), 401, "invalid_refresh_token"); // the whole login's chain
    }

    @Test
    void aCookieSessionWithoutACookieIsAnInvalidRefreshToken() {
        Answer answer = cookieSend("/api/auth/refresh", null, null);
        assertProblem(answer, 401, "invalid_refresh_token");
    }

    @Test
    void theCookieIsReadOnlyWhenTheRequestAsksForACookieSession() {
        String token = value(setCookie(cookieLogin(newUser())));
        Answer plain = send("/api/auth/refresh", "{}", token, List.of());
        assertField(plain, "refreshToken");
        assertThat(plain.raw().headers().allValues("Set-Cookie")).isEmpty();
        assertThat(cookieSend("/api/auth/refresh", null, token).status()).as("the token was not spent").isEqualTo(200);
    }

    @Test
    void aTokenInTheBodyWinsOverTheCookie() {
        String cookieToken = value(setCookie(cookieLogin(newUser())));
        Answer plainLogin = login(newUser(), "cookie-password");
        String bodyToken = plainLogin.body().path("refreshToken").asString();
        Answer refreshed = cookieSend("/api/auth/refresh", "{\"refreshToken\":\"%s\"}".formatted(bodyToken), cookieToken);
        assertThat(refreshed.status()).isEqualTo(200);
        assertProblem(refresh(bodyToken), 401, "invalid_refresh_token"); // the body's token was the one spent
        assertThat(cookieSend("/api/auth/refresh", null, cookieToken).status()).isEqualTo(200);
    }

    @Test
    void logoutRevokesTheCookiesTokenAndClearsTheCookie() {
        Answer login = cookieLogin(newUser());
        String token = value(setCookie(login));
        String access = login.body().path("accessToken").asString();
        Answer logout = send("/api/auth/logout", null, token, List.of("Parley-Session", "cookie", "Authorization", "Bearer " + access));
        assertThat(logout.status()).isEqualTo(204);
        assertThat(setCookie(logout)).startsWith("parley_refresh=;").contains("Max-Age=0");
        assertProblem(cookieSend("/api/auth/refresh", null, token), 401, "invalid_refresh_token");
    }

    @Test
    void withoutTheHeaderLoginAnswersAsTheContractSaysAndSetsNoCookie() {
        String username = newUser();
        Answer login = login(username, "cookie-password");
        assertThat(login.body().path("refreshToken").asString()).hasSize(43);
        assertThat(login.raw().headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void theOpenApiDocumentDescribesTheCookieSession() {
        JsonNode refresh = get("/v3/api-docs", null).body().path("paths").path("/api/auth/refresh").path("post");
        assertThat(refresh.path("parameters").findValuesAsString("name")).contains("Parley-Session", "parley_refresh");
        assertThat(refresh.path("responses").path("200").path("headers").has("Set-Cookie")).isTrue();
        assertThat(refresh.path("requestBody").path("required").asBoolean(false)).isFalse();
    }

    private String newUser() {
        String username = unique("cookie");
        assertThat(register(username, "cookie-password").status()).isEqualTo(201);
        return username;
    }

    private static String credentials(String username) {
        return "{\"username\":\"%s\",\"password\":\"cookie-password\"}".formatted(username);
    }

    private Answer cookieLogin(String username) {
        return cookieSend("/api/auth/login", credentials(username), null);
    }

    private Answer cookieSend(String path, String body, String cookie, String... headers) {
        List<String> all = new java.util.ArrayList<>(List.of("Parley-Session", "cookie"));
        all.addAll(List.of(headers));
        return send(path, body, cookie, all);
    }

    /** A POST as a browser sends it: the cookie (if any) and the given header name/value pairs. */
    private Answer send(String path, String body, String cookie, List<String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (cookie != null) {
            request.header("Cookie", "parley_refresh=" + cookie);
        }
        for (int i = 0; i < headers.size(); i += 2) {
            request.header(headers.get(i), headers.get(i + 1));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), json, response);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String setCookie(Answer answer) {
        List<String> cookies = answer.raw().headers().allValues("Set-Cookie");
        assertThat(cookies).as("one Set-Cookie").hasSize(1);
        return cookies.getFirst();
    }

    private static String value(String setCookie) {
        return setCookie.substring("parley_refresh=".length(), setCookie.indexOf(';'));
    }
}
