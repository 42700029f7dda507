package dev.parley.auth;


import org.junit.jupiter.api.Test;

/** Input the database cannot take, or that is not an id at all, is a validation error naming the field. */
class UserInputTests extends AuthIntegrationTest {

    @Test
    void aUserIdThatIsNotAUuidIsAValidationErrorOnTheId() {
        String access = accessTokenOfANewUser();
        for (String id : new String[] {"not-a-uuid", "1%27%20OR%20%271%27%3D%271", "1%20DROP%20TABLE%20users"}) {
            Answer answer = get("/api/users/" + id, access);
            assertField(answer, "id");
        }
    }

    /** Spring Security's firewall refuses an encoded ';' or '%' before routing: that is still a problem. */
    @Test
    void aUrlTheFirewallRefusesIsAValidationErrorOnThePath() {
        String access = accessTokenOfANewUser();
        for (String id : new String[] {"1%3B%20DROP%20TABLE%20users", "1%253B"}) {
            Answer answer = get("/api/users/" + id, access);
            assertField(answer, "path");
        }
        Answer unauthenticated = get("/api/users/1%3B%20DROP%20TABLE%20users", null);
        assertProblem(unauthenticated, 400, "validation_failed");
    }

    @Test
    void aNulInTheDisplayNameIsRefusedAtRegistration() {
        Answer answer = post("/api/auth/register", "{\"username\":\"%s\",\"password\":\"long enough\",\"displayName\":\"a\\u0000b\"}"
                .formatted(unique("nul")), null);
        assertField(answer, "displayName");
    }

    @Test
    void aNulInTheDisplayNameIsRefusedWhenRenaming() {
        Answer answer = send("PATCH", "/api/users/me", "{\"displayName\":\"a\\u0000b\"}", accessTokenOfANewUser());
        assertField(answer, "displayName");
    }

    @Test
    void aNulInTheSearchPrefixOrCursorIsRefused() {
        String access = accessTokenOfANewUser();
        assertField(get("/api/users?q=a%00b", access), "q");
        assertField(get("/api/users?q=a&cursor=a%00b", access), "cursor");
    }

    @Test
    void aNulInALoginUsernameIsJustWrongCredentials() {
        assertProblem(loginFrom("a\\u0000b", "whatever-pass", randomAddress()), 401, "invalid_credentials");
    }

    private String accessTokenOfANewUser() {
        String username = unique("input");
        register(username, "input-password");
        return login(username, "input-password").body().path("accessToken").asString();
    }
}
