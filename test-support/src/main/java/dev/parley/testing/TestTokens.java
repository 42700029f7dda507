package dev.parley.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Stands in for auth-service's signing side in a service's own tests: it holds an RSA key, serves
 * its JWKS over real HTTP, and mints access tokens exactly as auth-service does — plus the hostile
 * variants (expired, wrong audience or issuer, unknown key, {@code alg:none}, tampered).
 */
public final class TestTokens {

    public static final String AUDIENCE = "parley";

    private static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(15);

    private static TestTokens shared;

    private final RSAKey key;
    private final RSAKey strangerKey;
    private final HttpServer server;
    private final String issuer;

    private TestTokens() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
            strangerKey = new RSAKeyGenerator(2048).keyID("stranger").generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/.well-known/jwks.json", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                exchange.getResponseBody().write(jwks);
                exchange.close();
            });
            server.start();
            issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One issuer per test JVM, like the shared infrastructure. */
    public static synchronized TestTokens shared() {
        if (shared == null) {
            shared = new TestTokens();
        }
        return shared;
    }

    /**
     * Points a service's token checks at these tokens (issuer and JWKS), for a test that needs no other
     * infrastructure, such as a {@code @WebMvcTest} slice; {@link ServiceTestEnvironment} does it for the others.
     */
    public static void register(DynamicPropertyRegistry registry) {
        TestTokens tokens = shared();
        registry.add("parley.security.issuer", tokens::issuer);
        registry.add("parley.security.jwks-uri", tokens::jwksUri);
    }

    public String issuer() {
        return issuer;
    }

    public String jwksUri() {
        return issuer + "/.well-known/jwks.json";
    }

    public String accessToken(UUID userId, String username) {
        return sign(key, claims(userId, username, issuer, AUDIENCE, Instant.now().plus(ACCESS_TOKEN_LIFETIME)));
    }

    /**
     * A token valid for more than {@code lifetime}, by at most a second: {@code exp} is in whole seconds, so it is
     * rounded up, not down (rounded down, a 2 s token could expire 1 s after it was signed).
     */
    public String accessTokenValidFor(UUID userId, String username, Duration lifetime) {
        Instant expiry = Instant.now().plus(lifetime).plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
        return sign(key, claims(userId, username, issuer, AUDIENCE, expiry));
    }

    public String expired(UUID userId) {
        return expiredAgo(userId, "expired", Duration.ofMinutes(5));
    }

    /** A token that expired {@code ago} before now: a few seconds, to show that no clock skew is allowed. */
    public String expiredAgo(UUID userId, String username, Duration ago) {
        return sign(key, claims(userId, username, issuer, AUDIENCE, Instant.now().minus(ago)));
    }

    public String wrongAudience(UUID userId) {
        return sign(key, claims(userId, "x", issuer, "someone-else", Instant.now().plus(Duration.ofMinutes(5))));
    }

    public String wrongIssuer(UUID userId) {
        return sign(key, claims(userId, "x", "http://evil.example", AUDIENCE, Instant.now().plus(Duration.ofMinutes(5))));
    }

    public String unknownKey(UUID userId) {
        return sign(strangerKey, claims(userId, "x", issuer, AUDIENCE, Instant.now().plus(Duration.ofMinutes(5))));
    }

    public String unsigned(UUID userId) {
        return new PlainJWT(claims(userId, "x", issuer, AUDIENCE, Instant.now().plus(Duration.ofMinutes(5)))).serialize();
    }

    /**
     * Algorithm confusion: HS256 "signed" with the issuer's public key as the HMAC secret, which a
     * verifier that trusts the token's {@code alg} header would accept.
     */
    public String hmacWithPublicKey(UUID userId) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(),
                    claims(userId, "x", issuer, AUDIENCE, Instant.now().plus(Duration.ofMinutes(5))));
            jwt.sign(new com.nimbusds.jose.crypto.MACSigner(key.toPublicKey().getEncoded()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid token whose payload was altered after signing. */
    public String tampered(UUID userId) {
        String[] parts = accessToken(userId, "x").split("\\.");
        String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims(UUID.randomUUID(), "admin", issuer, AUDIENCE, Instant.now().plus(Duration.ofMinutes(5)))
                        .toString().getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + forged + "." + parts[2];
    }

    private static JWTClaimsSet claims(UUID userId, String username, String issuer, String audience, Instant expiry) {
        Instant now = Instant.now();
        // An expired token was issued one lifetime before it expired, as auth-service would have:
        // issued "now" it would expire before it was issued, a malformed token rather than an expired one.
        Instant issued = expiry.isAfter(now) ? now.minusSeconds(1) : expiry.minus(ACCESS_TOKEN_LIFETIME);
        return new JWTClaimsSet.Builder()
                .subject(userId.toString())
                .issuer(issuer)
                .audience(audience)
                .claim("preferred_username", username)
                .issueTime(Date.from(issued))
                .expirationTime(Date.from(expiry))
                .jwtID(UUID.randomUUID().toString())
                .build();
    }

    private static String sign(RSAKey signingKey, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
