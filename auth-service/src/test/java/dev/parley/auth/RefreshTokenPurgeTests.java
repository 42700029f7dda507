package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Expired refresh tokens are deleted, in every state and more than one batch of them; tokens that have not
 * expired stay, spent ones included, so that presenting a spent one still revokes its family. The purge runs
 * every second here (hourly by default).
 */
class RefreshTokenPurgeTests extends AuthIntegrationTest {

    private static final int EXPIRED = 2_500;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void expiredTokensGoWhileLiveAndSpentOnesStayForReuseDetection() throws Exception {
        String username = unique("purge");
        UUID account = UUID.fromString(register(username, "purge-password").body().path("id").asString());
        String spent = login(username, "purge-password").body().path("refreshToken").asString();
        String live = refresh(spent).body().path("refreshToken").asString();
        insertExpiredTokens(account);

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (expiredTokensOf(account) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(expiredTokensOf(account)).as("expired tokens left").isZero();
        assertThat(tokensOf(account)).as("the spent token and its live successor").isEqualTo(2);

        assertProblem(refresh(spent), 401, "invalid_refresh_token"); // the spent token, again
        assertProblem(refresh(live), 401, "invalid_refresh_token"); // its family was revoked
    }

    /** Expired a day ago, a third of them spent, a third revoked, a third neither. */
    private void insertExpiredTokens(UUID account) {
        jdbc.sql("""
                        insert into refresh_tokens (id, family_id, account_id, token_hash, issued_at, expires_at, spent_at, revoked_at)
                        select gen_random_uuid(), gen_random_uuid(), :account, md5(random()::text) || md5(random()::text),
                               now() - interval '31 days', now() - interval '1 day',
                               case when n % 3 = 1 then now() - interval '20 days' end,
                               case when n % 3 = 2 then now() - interval '10 days' end
                        from generate_series(1, :count) n""")
                .param("account", account)
                .param("count", EXPIRED)
                .update();
    }

    private long expiredTokensOf(UUID account) {
        return jdbc.sql("select count(*) from refresh_tokens where account_id = :account and expires_at < now()")
                .param("account", account).query(Long.class).single();
    }

    private long tokensOf(UUID account) {
        return jdbc.sql("select count(*) from refresh_tokens where account_id = :account")
                .param("account", account).query(Long.class).single();
    }
}
