package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What refresh and logout accept: only refresh tokens they issued, and logout only from their owner. */
class RefreshAndLogoutTests extends AuthIntegrationTest {

    @Test
    void anAccessTokenPresentedAsRefreshTokenIsAnInvalidRefreshToken() {
        Session session = newSession();
        Answer answer = refresh(session.accessToken());
        assertProblem(answer, 401, "invalid_refresh_token");
        assertProblem(refresh("x".repeat(5000)), 401, "invalid_refresh_token");
    }

    @Test
    void aMissingOrNonStringRefreshTokenIsAValidationError() {
        assertField(post("/api/auth/refresh", "{}", null), "refreshToken");
        assertField(post("/api/auth/refresh", "{\"refreshToken\":42}", null), "refreshToken");
    }

    @Test
    void logoutWithoutAnAccessTokenIsUnauthorizedAndRevokesNothing() {
        Session session = newSession();
        Answer answer = logout(session.refreshToken(), null);
        assertProblem(answer, 401, "unauthorized");
        assertProblem(logout(session.refreshToken(), "garbage"), 401, "unauthorized");
        assertThat(refresh(session.refreshToken()).status()).isEqualTo(200);
    }

    @Test
    void logoutWithTheOwnersAccessTokenRevokesTheRefreshTokensFamily() {
        Session session = newSession();
        assertThat(logout(session.refreshToken(), session.accessToken()).status()).isEqualTo(204);
        Answer after = refresh(session.refreshToken());
        assertProblem(after, 401, "invalid_refresh_token");
    }

    @Test
    void logoutCannotRevokeAnotherUsersRefreshToken() {
        Session victim = newSession();
        Session other = newSession();
        assertThat(logout(victim.refreshToken(), other.accessToken()).status()).isEqualTo(204);
        assertThat(refresh(victim.refreshToken()).status()).isEqualTo(200);
    }

    private record Session(String accessToken, String refreshToken) {
    }

    private Session newSession() {
        String username = unique("sess");
        register(username, "session-password");
        Answer tokens = login(username, "session-password");
        return new Session(tokens.body().path("accessToken").asString(), tokens.body().path("refreshToken").asString());
    }

    private Answer logout(String refreshToken, String accessToken) {
        return post("/api/auth/logout", "{\"refreshToken\":\"%s\"}".formatted(refreshToken), accessToken);
    }
}
