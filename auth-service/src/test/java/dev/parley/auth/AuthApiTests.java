package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.testing.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AuthApiTests extends AuthIntegrationTest {





    @Test
    void registerAnswersTheUserWithDisplayNameDefaultingToUsername() {
        String username = unique("alice");
        Answer answer = post("/api/auth/register", "{\"username\":\"%s\",\"password\":\"correct horse\"}".formatted(username), null);
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.body().path("username").asString()).isEqualTo(username);
        assertThat(answer.body().path("displayName").asString()).isEqualTo(username);
        assertThat(UUID.fromString(answer.body().path("id").asString()).toString()).as("a UUID in its canonical form").isEqualTo(answer.body().path("id").asString());
        assertThat(answer.body().path("createdAt").asString()).endsWith("Z");
        assertThat(answer.body().has("password")).isFalse();
        assertThat(answer.body().has("passwordHash")).isFalse();
    }

    @Test
    void usernamesAreUniqueCaseInsensitively() {
        String username = unique("Bob");
        assertThat(register(username, "password1").status()).isEqualTo(201);
        Answer again = register(username.toUpperCase(), "password2");
        assertProblem(again, 409, "username_taken");
    }

    @Test
    void aUsernameOfThirtyTwoCharactersRegistersAndOneOfThirtyThreeIsRefused() {
        String longest = (unique("u") + "x".repeat(32)).substring(0, 32);
        assertThat(register(longest, "long enough").status()).isEqualTo(201);
        assertField(register(longest.substring(0, 31) + "yz", "long enough"), "username");
    }

    @Test
    void invalidRegistrationsAreValidationErrorsNamingTheField() {
        assertField(post("/api/auth/register", "{\"username\":\"ab\",\"password\":\"long enough\"}", null), "username");
        assertField(post("/api/auth/register", "{\"username\":\"bad name!\",\"password\":\"long enough\"}", null), "username");
        assertField(post("/api/auth/register", "{\"username\":\"" + unique("c") + "\",\"password\":\"short\"}", null), "password");
        assertField(post("/api/auth/register", "{\"username\":123456,\"password\":\"long enough\"}", null), "username");
        assertField(post("/api/auth/register", "{\"username\":\"" + unique("d") + "\",\"password\":\"long enough\",\"displayName\":\"  \"}", null), "displayName");
        Answer malformed = post("/api/auth/register", "{\"username\":", null);
        assertProblem(malformed, 400, "validation_failed");
    }

    @Test
    void loginIssuesAnRs256AccessTokenVerifiableWithThePublishedJwks() throws Exception {
        String username = unique("carol");
        String userId = register(username, "s3cret-pass").body().path("id").asString();

        Answer tokens = login(username, "s3cret-pass");
        assertThat(tokens.status()).isEqualTo(200);
        assertThat(tokens.body().path("tokenType").asString()).isEqualTo("Bearer");
        assertThat(tokens.body().path("expiresIn").asLong()).isEqualTo(900);
        assertThat(tokens.body().path("refreshExpiresIn").asLong()).isEqualTo(30L * 24 * 3600);
        assertThat(tokens.body().path("refreshToken").asString()).hasSizeGreaterThan(30);

        SignedJWT jwt = SignedJWT.parse(tokens.body().path("accessToken").asString());
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        JWKSet jwks = JWKSet.parse(get("/.well-known/jwks.json", null).raw().body());
        RSAKey key = (RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).isNotNull();
        assertThat(key.isPrivate()).isFalse();
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();

        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(userId);
        assertThat(claims.getIssuer()).isEqualTo(TestTokens.shared().issuer());
        assertThat(claims.getAudience()).containsExactly("parley");
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo(username);
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(900_000);
    }

    @Test
    void discoveryDocumentNamesTheIssuerAndTheJwks() {
        Answer discovery = get("/.well-known/openid-configuration", null);
        assertThat(discovery.status()).isEqualTo(200);
        assertThat(discovery.body().path("issuer").asString()).isEqualTo(TestTokens.shared().issuer());
        assertThat(discovery.body().path("jwks_uri").asString()).isEqualTo(TestTokens.shared().issuer() + "/.well-known/jwks.json");
    }

    @Test
    void wrongPasswordAndUnknownUserAnswerTheSame() {
        String username = unique("dave");
        register(username, "right-password");
        Answer wrong = login(username, "wrong-password");
        Answer unknown = login(unique("nobody"), "whatever-pass");
        assertProblem(wrong, 401, "invalid_credentials");
        assertProblem(unknown, 401, "invalid_credentials");
        assertThat(unknown.body()).isEqualTo(wrong.body());
    }

    @Test
    void fiveFailuresForAUsernameRefuseEvenTheRightPasswordWithRetryAfter() {
        String username = unique("mallory");
        register(username, "the-right-one");
        String address = randomAddress();
        for (int i = 0; i < 5; i++) {
            assertProblem(loginFrom(username, "wrong-" + i, address), 401, "invalid_credentials");
        }
        Answer refused = loginFrom(username, "the-right-one", address);
        assertProblem(refused, 429, "too_many_attempts");
        long retryAfter = Long.parseLong(refused.raw().headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 900L);
        // the username's limit holds from any address
        assertProblem(loginFrom(username, "the-right-one", randomAddress()), 429, "too_many_attempts");
        // other usernames from the same address
        assertProblem(loginFrom(unique("unknown"), "x-password", address), 401, "invalid_credentials");
    }

    @Test
    void unknownUsernamesAreThrottledLikeKnownOnes() {
        String nobody = unique("ghost");
        String address = randomAddress();
        for (int i = 0; i < 5; i++) {
            loginFrom(nobody, "guess-" + i, address);
        }
        assertProblem(loginFrom(nobody, "guess-5", address), 429, "too_many_attempts");
    }

    @Test
    void aSuccessfulLoginResetsTheUsernamesCount() {
        String username = unique("oscar");
        register(username, "oscar-password");
        String address = randomAddress();
        for (int i = 0; i < 4; i++) {
            loginFrom(username, "wrong-" + i, address);
        }
        assertThat(loginFrom(username, "oscar-password", address).status()).isEqualTo(200);
        for (int i = 0; i < 4; i++) {
            loginFrom(username, "wrong-again-" + i, address);
        }
        assertThat(loginFrom(username, "oscar-password", address).status()).isEqualTo(200);
    }

    @Test
    void tooManyFailuresFromOneAddressRefuseEveryUsernameFromIt() {
        String address = randomAddress();
        for (int i = 0; i < 30; i++) {
            assertProblem(loginFrom(unique("spray" + i), "wrong-password", address), 401, "invalid_credentials");
        }
        String username = unique("victim");
        register(username, "victim-password");
        assertProblem(loginFrom(username, "victim-password", address), 429, "too_many_attempts");
        assertThat(loginFrom(username, "victim-password", randomAddress()).status()).isEqualTo(200);
    }

    @Test
    void meAnswersTheCallerAndPatchRenamesIt() {
        String username = unique("erin");
        register(username, "erin-password");
        String access = login(username, "erin-password").body().path("accessToken").asString();

        assertThat(get("/api/users/me", access).body().path("username").asString()).isEqualTo(username);
        Answer renamed = send("PATCH", "/api/users/me", "{\"displayName\":\"Erin E.\"}", access);
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.body().path("displayName").asString()).isEqualTo("Erin E.");
        String id = renamed.body().path("id").asString();
        assertThat(get("/api/users/" + id, access).body().path("displayName").asString()).isEqualTo("Erin E.");
        Answer missing = get("/api/users/" + UUID.randomUUID(), access);
        assertProblem(missing, 404, "user_not_found");
    }

    @Test
    void protectedEndpointsRefuseMissingAndHostileTokens() {
        UUID someone = UUID.randomUUID();
        TestTokens tokens = TestTokens.shared();
        for (String token : new String[] {null, "garbage", tokens.unsigned(someone), tokens.tampered(someone),
                tokens.unknownKey(someone), tokens.expired(someone), tokens.wrongAudience(someone),
                tokens.wrongIssuer(someone), tokens.hmacWithPublicKey(someone)}) {
            Answer answer = get("/api/users/me", token);
            assertThat(answer.status()).as("token %s", token).isEqualTo(401);
            assertProblem(answer, 401, "unauthorized");
        }
    }

    @Test
    void refreshRotatesAndReuseRevokesTheWholeFamily() {
        String username = unique("frank");
        register(username, "frank-password");
        String first = login(username, "frank-password").body().path("refreshToken").asString();
        String otherSession = login(username, "frank-password").body().path("refreshToken").asString();

        Answer rotated = refresh(first);
        assertThat(rotated.status()).isEqualTo(200);
        String second = rotated.body().path("refreshToken").asString();
        assertThat(second).isNotEqualTo(first);

        Answer reuse = refresh(first);
        assertProblem(reuse, 401, "invalid_refresh_token");
        assertProblem(refresh(second), 401, "invalid_refresh_token"); // the newer token of the leaked family
        assertThat(refresh(otherSession).status()).as("another login of the same user").isEqualTo(200);
    }

    @Test
    void logoutRevokesTheRefreshToken() {
        String username = unique("grace");
        register(username, "grace-password");
        Answer tokens = login(username, "grace-password");
        String refreshToken = tokens.body().path("refreshToken").asString();
        String access = tokens.body().path("accessToken").asString();
        assertThat(post("/api/auth/logout", "{\"refreshToken\":\"%s\"}".formatted(refreshToken), access).status()).isEqualTo(204);
        assertProblem(refresh(refreshToken), 401, "invalid_refresh_token");
        assertProblem(refresh("never-issued"), 401, "invalid_refresh_token");
    }

    @Test
    void userSearchMatchesUsernamePrefixesAndPages() {
        String prefix = "srch" + Long.toString(System.nanoTime(), 36);
        for (int i = 0; i < 3; i++) {
            register(prefix + "_" + i, "search-password");
        }
        String access = login(prefix + "_0", "search-password").body().path("accessToken").asString();
        Answer page = get("/api/users?q=" + prefix + "&limit=2", access);
        assertThat(page.body().path("items")).hasSize(2);
        String cursor = page.body().path("nextCursor").asString();
        Answer rest = get("/api/users?q=" + prefix + "&limit=2&cursor=" + cursor, access);
        assertThat(rest.body().path("items")).hasSize(1);
        assertThat(rest.body().path("nextCursor").isNull()).isTrue();
        assertProblem(get("/api/users?q=" + prefix + "&limit=0", access), 400, "validation_failed");
    }

    @Test
    void userSearchPagesDefaultToFiftyAndALimitAboveOneHundredIsClamped() throws Exception {
        String prefix = "many" + Long.toString(System.nanoTime(), 36);
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<Answer>> registered = IntStream.range(0, 101)
                    .mapToObj(i -> pool.submit(() -> register(prefix + "_" + i, "search-password"))).toList();
            for (Future<Answer> answer : registered) {
                assertThat(answer.get().status()).isEqualTo(201);
            }
        }
        String access = login(prefix + "_0", "search-password").body().path("accessToken").asString();

        Answer byDefault = get("/api/users?q=" + prefix, access);
        Answer clamped = get("/api/users?q=" + prefix + "&limit=1000", access);

        assertThat(byDefault.body().path("items")).hasSize(50);
        assertThat(byDefault.body().path("nextCursor").isNull()).isFalse();
        assertThat(clamped.body().path("items")).hasSize(100);
        assertThat(clamped.body().path("nextCursor").isNull()).isFalse();
    }

    @Test
    void healthShowsPostgres() {
        Answer health = get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(get("/actuator/health/liveness", null).status()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness", null).status()).isEqualTo(200);
    }

    @Test
    void openApiDocumentListsTheAuthEndpoints() {
        Answer docs = get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().path("paths").has("/api/auth/login")).isTrue();
        assertThat(docs.body().path("paths").has("/api/auth/register")).isTrue();
        JsonNode login = docs.body().path("paths").path("/api/auth/login").path("post").path("responses");
        assertThat(login.has("200") && login.has("401") && login.has("429")).isTrue();
        assertThat(docs.body().path("paths").path("/api/auth/register").path("post").path("responses").has("409")).isTrue();
        assertThat(docs.body().path("components").path("securitySchemes").has("bearer")).isTrue();
    }

    @Test
    void everyErrorResponseInTheOpenApiDocumentIsAProblemAndSignInsMayBeUnavailable() {
        JsonNode paths = get("/v3/api-docs", null).body().path("paths");
        List<String> errors = new ArrayList<>();
        paths.properties().forEach(path -> path.getValue().properties().forEach(operation -> operation.getValue()
                .path("responses").properties().stream().filter(response -> !response.getKey().startsWith("2"))
                .forEach(response -> {
                    String name = operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey() + " " + response.getKey();
                    errors.add(name);
                    assertThat(response.getValue().path("content").properties()).as(name).singleElement().satisfies(content -> {
                        assertThat(content.getKey()).isEqualTo("application/problem+json");
                        assertThat(content.getValue().path("schema").path("$ref").asString()).endsWith("/Problem");
                    });
                })));

        assertThat(errors).contains("POST /api/auth/register 409", "POST /api/auth/register 503",
                "POST /api/auth/login 401", "POST /api/auth/login 503", "GET /api/users/{id} 404");
    }
}
