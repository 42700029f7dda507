package dev.parley.auth.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.parley.platform.security.AccessTokenValidators;
import dev.parley.platform.security.ParleySecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * auth-service verifies its own tokens against the keys it holds rather than fetching its own
 * JWKS over HTTP; the validation rules are the shared ones every other service applies.
 */
@Configuration
class LocalJwtDecoderConfiguration {

    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, ParleySecurityProperties security) {
        JWKSource<SecurityContext> source = (selector, context) -> selector.select(keys.publicKeys());
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, source));
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(AccessTokenValidators.of(security));
        return decoder;
    }
}
