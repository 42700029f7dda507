package dev.parley.platform.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's own rules for the shared filter chain, applied before the final "everything else
 * needs a token" rule — e.g. auth-service's management endpoint that only internal callers may use.
 */
@FunctionalInterface
public interface RequestAuthorizations {

    void customize(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests);
}
