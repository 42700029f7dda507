package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.auth.token.SigningKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Keys from a mounted JWK Set (a Kubernetes secret): the first signs, all are published. This
 * instance has no operator token configured, so its key endpoint answers nobody.
 */
class FileSigningKeysTests extends AuthIntegrationTest {

    @Autowired
    SigningKeys signingKeys;

    static final RSAKey CURRENT = key("mounted-current");
    static final RSAKey PREVIOUS = key("mounted-previous");

    @DynamicPropertySource
    static void mountedKeys(DynamicPropertyRegistry registry) throws Exception {
        Path file = Files.createTempFile("parley-keys", ".json");
        Files.writeString(file, new JWKSet(java.util.List.of(CURRENT, PREVIOUS)).toString(false));
        file.toFile().deleteOnExit();
        registry.add("parley.auth.keys.file", file::toString);
        registry.add("parley.auth.keys.admin-token", () -> "");
    }

    @Test
    void tokensAreSignedWithTheFirstMountedKeyAndBothArePublished() throws Exception {
        String username = unique("mounted");
        register(username, "mounted-pass");
        String token = login(username, "mounted-pass").body().path("accessToken").asString();
        assertThat(SignedJWT.parse(token).getHeader().getKeyID()).isEqualTo("mounted-current");

        JWKSet jwks = JWKSet.parse(get("/.well-known/jwks.json", null).raw().body());
        assertThat(jwks.getKeys()).extracting(k -> k.getKeyID()).containsExactly("mounted-current", "mounted-previous");
        assertThat(jwks.getKeys()).noneMatch(k -> k.isPrivate());
        assertThat(get("/api/users/me", token).status()).isEqualTo(200);
        assertThatThrownBy(signingKeys::rotateNow).as("rotation is the secret owner's job")
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void withoutAConfiguredOperatorTokenTheKeyEndpointRefusesEveryone() {
        for (String token : new String[] {null, "", OPERATOR_TOKEN, randomToken()}) {
            assertProblem(post("/actuator/signingkeys", null, token), 401, "unauthorized");
            assertProblem(get("/actuator/signingkeys", token), 401, "unauthorized");
        }
    }

    private static RSAKey key(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
