package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Contract §2: a password is stored only as an adaptive hash, a refresh token only hashed. */
class StoredSecretsTests extends AuthIntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    @Test
    void neitherThePasswordNorTheRefreshTokenIsStoredAsItIs() {
        String username = unique("vault");
        String password = "stored-as-a-hash-only";
        UUID id = UUID.fromString(register(username, password).body().path("id").asString());
        String refreshToken = login(username, password).body().path("refreshToken").asString();

        String passwordHash = jdbc.sql("select password_hash from accounts where id = :id").param("id", id)
                .query(String.class).single();
        assertThat(passwordHash).as("BCrypt, cost 10").matches("^\\$2[aby]\\$10\\$.{53}$").doesNotContain(password);

        List<String> tokenHashes = jdbc.sql("select token_hash from refresh_tokens where account_id = :id")
                .param("id", id).query(String.class).list();
        assertThat(tokenHashes).hasSize(1);
        assertThat(tokenHashes.getFirst()).isNotEqualTo(refreshToken).doesNotContain(refreshToken)
                .matches("[0-9a-f]{64}");
    }
}
