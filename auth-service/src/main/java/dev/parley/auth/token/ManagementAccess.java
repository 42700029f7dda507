package dev.parley.auth.token;

import dev.parley.platform.security.RequestAuthorizations;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.stereotype.Component;

/**
 * The key-management endpoint answers callers on loopback or private networks only — operators and
 * jobs inside the cluster — never the public (who reach services through the api-gateway, which
 * does not route /actuator, and whose forwarded address is what Tomcat reports).
 */
@Component
class ManagementAccess implements RequestAuthorizations {

    @Override
    public void customize(org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer<
            org.springframework.security.config.annotation.web.builders.HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
        AuthorizationManager<RequestAuthorizationContext> internalOnly = (authentication, context) ->
                new AuthorizationDecision(isInternal(context.getRequest().getRemoteAddr()));
        requests.requestMatchers("/actuator/signingkeys", "/actuator/signingkeys/**").access(internalOnly);
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
