package dev.parley.auth.token;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.parley.platform.security.ParleySecurityProperties;
import dev.parley.platform.security.ServletResourceServerConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * auth-service verifies its own tokens against the keys it holds rather than fetching its own JWKS over HTTP; how a
 * token is verified, validated and then held is the shared decoder's, as in every other service. A held token is taken
 * only while its key is still published here.
 */
@Configuration
class LocalJwtDecoderConfiguration {

    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, ParleySecurityProperties security) {
        JWKSource<SecurityContext> source = (selector, context) -> selector.select(keys.publicKeys());
        return ServletResourceServerConfiguration.holdingDecoder(source, keys::publishes, security);
    }
}
