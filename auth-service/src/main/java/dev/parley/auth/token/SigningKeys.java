package dev.parley.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The RSA keys access tokens are signed with. Generated on first start and kept in the auth
 * database (never in the repository); every instance of auth-service signs with the newest one.
 */
@Component
public class SigningKeys implements InitializingBean {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private volatile List<RSAKey> keys = List.of();

    SigningKeys(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public void afterPropertiesSet() {
        transactions.executeWithoutResult(status -> {
            // One instance generates the first key; the others wait for it and load it.
            jdbc.sql("select pg_advisory_xact_lock(hashtext('parley.signing_keys'))").query().singleRow();
            if (load().isEmpty()) {
                insert(generate());
            }
        });
        keys = load();
    }

    /** The key new tokens are signed with. */
    public RSAKey current() {
        return keys.getFirst();
    }

    /** The public keys resource servers verify with: the current and not yet retired ones. */
    public JWKSet publicKeys() {
        return new JWKSet(keys.stream().map(key -> (com.nimbusds.jose.jwk.JWK) key.toPublicJWK()).toList());
    }

    private List<RSAKey> load() {
        return jdbc.sql("select kid, private_key, public_key from signing_keys where retired_at is null "
                        + "order by created_at desc")
                .query(SigningKeys::toKey)
                .list();
    }

    private void insert(RSAKey key) {
        try {
            jdbc.sql("insert into signing_keys (kid, private_key, public_key, created_at) values (?, ?, ?, ?)")
                    .params(key.getKeyID(), key.toPrivateKey().getEncoded(), key.toPublicKey().getEncoded(),
                            Timestamp.from(Instant.now()))
                    .update();
        } catch (JOSEException e) {
            throw new IllegalStateException("Unusable signing key", e);
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not generate a signing key", e);
        }
    }

    private static RSAKey toKey(ResultSet row, int rowNum) throws SQLException {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(row.getBytes("public_key")));
            RSAPrivateKey privateKey = (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(row.getBytes("private_key")));
            return new RSAKey.Builder(publicKey)
                    .privateKey(privateKey)
                    .keyID(row.getString("kid"))
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Stored signing key cannot be read", e);
        }
    }
}
