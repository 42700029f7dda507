package dev.parley.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.auth.AuthProperties;
import dev.parley.auth.account.User;
import dev.parley.platform.security.ParleySecurityProperties;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Mints access tokens: RS256 JWTs with kid, iss, aud "parley", sub, preferred_username, iat, exp. */
@Component
public class AccessTokens {

    private final SigningKeys keys;
    private final ParleySecurityProperties security;
    private final AuthProperties auth;

    AccessTokens(SigningKeys keys, ParleySecurityProperties security, AuthProperties auth) {
        this.keys = keys;
        this.security = security;
        this.auth = auth;
    }

    public String issue(User user) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(security.issuer())
                .audience(security.audience())
                .subject(user.id().toString())
                .claim("preferred_username", user.username())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(auth.accessTokenTtl())))
                .jwtID(UUID.randomUUID().toString())
                .build();
        RSAKey key = keys.current();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build();
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign an access token", e);
        }
    }

    public long lifetimeSeconds() {
        return auth.accessTokenTtl().toSeconds();
    }
}
