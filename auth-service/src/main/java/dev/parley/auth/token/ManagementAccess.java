package dev.parley.auth.token;

import dev.parley.platform.network.ClientAddresses;
import dev.parley.platform.security.RequestAuthorizations;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The key-management endpoint answers an operator only: a caller on loopback or a private network
 * (never the public, who reach services through the api-gateway, which does not route /actuator, and
 * whose address is the one the api-gateway forwards: {@link ClientAddresses}) that also presents the operator token
 * ({@code PARLEY_KEY_ADMIN_TOKEN}) as its bearer token. Without a configured token it answers nobody
 * (401). Not a Parley access token: those are signed with the very keys this endpoint manages, and a
 * leaked signing key must not also hand over key management (ADR 0014).
 */
@Configuration(proxyBeanMethods = false)
class ManagementAccess {

    private static final Logger log = LoggerFactory.getLogger(ManagementAccess.class);
    private static final String PATH = "/actuator/signingkeys/**"; // the endpoint itself included
    private static final String BEARER = "Bearer ";

    @Bean
    RequestAuthorizations signingKeyManagement(KeyProperties properties, ClientAddresses clients) {
        byte[] operatorToken = properties.hasAdminToken() ? sha256(properties.adminToken().strip()) : null;
        if (operatorToken == null) {
            log.warn("PARLEY_KEY_ADMIN_TOKEN is not set: /actuator/signingkeys refuses every caller "
                    + "(keys still rotate on schedule)");
        }
        AuthorizationManager<RequestAuthorizationContext> operatorOnly = (authentication, context) ->
                new AuthorizationDecision(isInternal(clients.of(context.getRequest().getRemoteAddr(),
                        Collections.list(context.getRequest().getHeaders(ClientAddresses.X_FORWARDED_FOR))))
                        && presents(context.getRequest(), operatorToken));
        return requests -> requests.requestMatchers(PATH).access(operatorOnly);
    }

    /**
     * The shared filter chain reads every bearer token as an access token; on the management path the
     * bearer token is the operator's, checked above, and no access token counts there.
     */
    @Bean
    BearerTokenResolver accessTokensOutsideKeyManagement() {
        RequestMatcher management = PathPatternRequestMatcher.withDefaults().matcher(PATH);
        DefaultBearerTokenResolver accessTokens = new DefaultBearerTokenResolver();
        return request -> management.matches(request) ? null : accessTokens.resolve(request);
    }

    /** Compared as SHA-256 digests with {@link MessageDigest#isEqual}: no length or prefix shows in the timing. */
    static boolean presents(HttpServletRequest request, byte[] operatorToken) {
        String authorization = request.getHeader("Authorization");
        if (operatorToken == null || authorization == null
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        return MessageDigest.isEqual(operatorToken, sha256(authorization.substring(BEARER.length()).strip()));
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isInternal(String address) {
        try {
            InetAddress parsed = InetAddress.getByName(address);
            return parsed.isLoopbackAddress() || parsed.isSiteLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
