package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.auth.token.SigningKeys;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A rotation logs nobody out and never outruns the JWKS: a new key is published at once and signs only
 * after the publish-ahead time (3 s in these tests), tokens signed before keep working until they
 * expire, and the JWKS shows why. Only an operator — internal address and operator token — manages keys.
 */
class KeyRotationTests extends AuthIntegrationTest {

    static final String KEYS = "/actuator/signingkeys";

    @Autowired
    SigningKeys signingKeys;

    @Test
    void aNewKeyIsPublishedAtOnceAndSignsOnlyOnceThePublishAheadTimeHasPassed() throws Exception {
        String username = unique("rota");
        register(username, "rotation-pass");
        String before = login(username, "rotation-pass").body().path("accessToken").asString();
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();

        Answer rotated = post(KEYS, null, OPERATOR_TOKEN);
        assertThat(rotated.status()).isEqualTo(200);
        String newKid = rotated.body().path("publishedKid").asString();
        Instant signsFrom = Instant.parse(rotated.body().path("signsFrom").asString());
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(rotated.body().path("signingKid").asString()).isEqualTo(oldKid);
        assertThat(signsFrom).isBetween(Instant.now().plusSeconds(1), Instant.now().plusSeconds(4));

        JWKSet jwks = JWKSet.parse(get("/.well-known/jwks.json", null).raw().body());
        assertThat(jwks.getKeyByKeyId(newKid)).as("the new key is published at once").isNotNull();
        assertThat(jwks.getKeyByKeyId(oldKid)).as("the signing key still published").isNotNull();
        String meanwhile = login(username, "rotation-pass").body().path("accessToken").asString();
        assertThat(SignedJWT.parse(meanwhile).getHeader().getKeyID()).as("not signing before its time").isEqualTo(oldKid);

        String after = awaitTokenSignedWith(newKid, username, "rotation-pass");
        assertThat(Instant.now()).isAfterOrEqualTo(signsFrom);
        assertThat(get("/api/users/me", before).status()).isEqualTo(200);
        assertThat(get("/api/users/me", after).status()).isEqualTo(200);
        assertThat(get(KEYS, OPERATOR_TOKEN).body().path("signingKid").asString()).isEqualTo(newKid);
    }

    @Test
    void aReplacedKeyLeavesTheJwksOnceEveryTokenItSignedHasExpired() throws Exception {
        String username = unique("retire");
        register(username, "retire-pass");
        String old = login(username, "retire-pass").body().path("accessToken").asString();
        String oldKid = SignedJWT.parse(old).getHeader().getKeyID();
        assertThat(get("/api/users/me", old).status()).as("taken, and held as verified").isEqualTo(200);
        String newKid = signingKeys.rotateNow().kid();

        invokeMaintenance(Instant.now().plus(Duration.ofMinutes(5)));
        assertThat(JWKSet.parse(get("/.well-known/jwks.json", null).raw().body()).getKeyByKeyId(oldKid))
                .as("within the token lifetime").isNotNull();

        invokeMaintenance(Instant.now().plus(Duration.ofMinutes(20)));
        JWKSet jwks = JWKSet.parse(get("/.well-known/jwks.json", null).raw().body());
        assertThat(jwks.getKeyByKeyId(oldKid)).as("after every token it signed expired").isNull();
        assertThat(jwks.getKeyByKeyId(newKid)).isNotNull();
        assertProblem(get("/api/users/me", old), 401, "unauthorized"); // held, but its key is gone
    }

    @Test
    void onlyACallerOnAnInternalAddressWithTheOperatorTokenManagesKeys() {
        Answer list = get(KEYS, OPERATOR_TOKEN);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().path("keys").isArray()).isTrue();
        assertThat(list.body().path("keys").toString()).doesNotContain("\"d\"").doesNotContain("private");
        int keys = list.body().path("keys").size();

        String username = unique("notop");
        register(username, "not-an-operator");
        String userToken = login(username, "not-an-operator").body().path("accessToken").asString();
        assertThat(get("/api/users/me", userToken).status()).as("a valid access token").isEqualTo(200);

        for (Answer refused : new Answer[] {
                post(KEYS, null, null),
                get(KEYS, null),
                post(KEYS, null, randomToken()),
                post(KEYS, null, OPERATOR_TOKEN.substring(0, OPERATOR_TOKEN.length() - 1)),
                post(KEYS, null, userToken),
                send("POST", KEYS, null, OPERATOR_TOKEN, "8.8.8.8"),
                send("GET", KEYS, null, OPERATOR_TOKEN, "8.8.8.8")}) {
            assertProblem(refused, 401, "unauthorized");
        }
        assertThat(get(KEYS, OPERATOR_TOKEN).body().path("keys").size()).as("no key created").isEqualTo(keys);
    }

    private String awaitTokenSignedWith(String kid, String username, String password) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            String token = login(username, password).body().path("accessToken").asString();
            if (kid.equals(SignedJWT.parse(token).getHeader().getKeyID()) || System.nanoTime() > deadline) {
                assertThat(SignedJWT.parse(token).getHeader().getKeyID()).isEqualTo(kid);
                return token;
            }
            Thread.sleep(250);
        }
    }

    private void invokeMaintenance(Instant now) {
        try {
            var maintain = SigningKeys.class.getDeclaredMethod("maintain", Instant.class);
            maintain.setAccessible(true);
            maintain.invoke(signingKeys, now);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
