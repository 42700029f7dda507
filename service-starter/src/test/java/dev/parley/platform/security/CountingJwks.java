package dev.parley.platform.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * auth-service's JWKS endpoint as a resource server sees it, over real HTTP, counting how often it is
 * fetched; and tokens for it: signed with a published key, or carrying a {@code kid} nobody published.
 */
final class CountingJwks implements AutoCloseable {

    static final String ISSUER = "http://issuer.test";

    private final List<RSAKey> published = new ArrayList<>();
    private final RSAKey stranger = generate("stranger");
    private final AtomicInteger fetches = new AtomicInteger();
    private final HttpServer server;

    CountingJwks() {
        published.add(generate("published-" + UUID.randomUUID()));
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/.well-known/jwks.json", exchange -> {
            fetches.incrementAndGet();
            byte[] body = jwks().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    int fetches() {
        return fetches.get();
    }

    /** Publishes a new key (a rotation at auth-service) and answers its kid. */
    synchronized String publishNewKey() {
        RSAKey key = generate("published-" + UUID.randomUUID());
        published.add(0, key);
        return key.getKeyID();
    }

    /** A valid access token signed with the newest published key. */
    synchronized String token() {
        return token(Duration.ofMinutes(5));
    }

    /** A valid access token signed with the newest published key, expiring after {@code lifetime}. */
    synchronized String token(Duration lifetime) {
        return sign(published.getFirst(), published.getFirst().getKeyID(), lifetime);
    }

    /** A token whose kid was never published: made up, as an attacker would send it. */
    String tokenWithUnknownKid() {
        return sign(stranger, UUID.randomUUID().toString(), Duration.ofMinutes(5));
    }

    ParleySecurityProperties properties(Duration refetchInterval) {
        return new ParleySecurityProperties(ISSUER, uri(), "parley", List.of(), refetchInterval, 10_000);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private synchronized String jwks() {
        return new JWKSet(published.stream().map(key -> (JWK) key.toPublicJWK()).toList()).toString();
    }

    private static String sign(RSAKey key, String kid, Duration lifetime) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience("parley")
                .subject(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
