package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.auth.token.SigningKeys;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A rotation logs nobody out: tokens signed before it work until they expire, and the JWKS shows why. */
class KeyRotationTests extends AuthIntegrationTest {

    @Autowired
    SigningKeys signingKeys;

    @Test
    void tokensSignedBeforeARotationKeepWorkingAndNewOnesUseTheNewKey() throws Exception {
        String username = unique("rota");
        register(username, "rotation-pass");
        String before = login(username, "rotation-pass").body().path("accessToken").asString();
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();

        Answer rotated = post("/actuator/signingkeys", null, null);
        assertThat(rotated.status()).isEqualTo(200);
        String newKid = rotated.body().path("signingKid").asString();
        assertThat(newKid).isNotEqualTo(oldKid);

        String after = login(username, "rotation-pass").body().path("accessToken").asString();
        assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isEqualTo(newKid);
        JWKSet jwks = JWKSet.parse(get("/.well-known/jwks.json", null).raw().body());
        assertThat(jwks.getKeyByKeyId(oldKid)).as("previous key still published").isNotNull();
        assertThat(jwks.getKeyByKeyId(newKid)).isNotNull();
        assertThat(get("/api/users/me", before).status()).isEqualTo(200);
        assertThat(get("/api/users/me", after).status()).isEqualTo(200);
    }

    @Test
    void aReplacedKeyLeavesTheJwksOnceEveryTokenItSignedHasExpired() throws Exception {
        String username = unique("retire");
        register(username, "retire-pass");
        String old = login(username, "retire-pass").body().path("accessToken").asString();
        String oldKid = SignedJWT.parse(old).getHeader().getKeyID();
        String newKid = signingKeys.rotateNow();

        invokeMaintenance(Instant.now().plus(Duration.ofMinutes(5)));
        assertThat(JWKSet.parse(get("/.well-known/jwks.json", null).raw().body()).getKeyByKeyId(oldKid))
                .as("within the token lifetime").isNotNull();

        invokeMaintenance(Instant.now().plus(Duration.ofMinutes(20)));
        JWKSet jwks = JWKSet.parse(get("/.well-known/jwks.json", null).raw().body());
        assertThat(jwks.getKeyByKeyId(oldKid)).as("after every token it signed expired").isNull();
        assertThat(jwks.getKeyByKeyId(newKid)).isNotNull();
        assertThat(get("/api/users/me", old).status()).isEqualTo(401);
    }

    @Test
    void theKeyEndpointListsKeysAndRefusesCallersOutsideTheInternalNetwork() {
        Answer list = get("/actuator/signingkeys", null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().path("keys").isArray()).isTrue();
        assertThat(list.body().path("keys").toString()).doesNotContain("\"d\"").doesNotContain("private");

        Answer outsider = send("POST", "/actuator/signingkeys", null, null, "8.8.8.8");
        assertThat(outsider.status()).isIn(401, 403);
        Answer outsiderRead = send("GET", "/actuator/signingkeys", null, null, "8.8.8.8");
        assertThat(outsiderRead.status()).isIn(401, 403);
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
