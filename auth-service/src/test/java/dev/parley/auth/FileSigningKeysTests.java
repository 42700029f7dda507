package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Keys from a mounted JWK Set (a Kubernetes secret): the first signs, all are published. */
class FileSigningKeysTests extends AuthIntegrationTest {

    static final RSAKey CURRENT = key("mounted-current");
    static final RSAKey PREVIOUS = key("mounted-previous");

    @DynamicPropertySource
    static void mountedKeys(DynamicPropertyRegistry registry) throws Exception {
        Path file = Files.createTempFile("parley-keys", ".json");
        Files.writeString(file, new JWKSet(java.util.List.of(CURRENT, PREVIOUS)).toString(false));
        file.toFile().deleteOnExit();
        registry.add("parley.auth.keys.file", file::toString);
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
        assertThat(post("/actuator/signingkeys", null, null).status())
                .as("rotation is the secret owner's job").isGreaterThanOrEqualTo(400);
    }

    private static RSAKey key(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
