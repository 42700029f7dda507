package dev.parley.platform.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.parley.platform.web.ProblemResponses;
import java.time.Clock;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every servlet service is an OAuth2 resource server the same way: keys from the JWKS (fetched
 * lazily and cached, no call to auth-service per request, a refetch for an unknown {@code kid} at most
 * once per interval: {@link JwksCache}), RS256 only, issuer and audience checked, a token verified once held
 * ({@link VerifiedTokens});
 * actuator and the configured public paths open, everything else authenticated; 401/403 as problem+json.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ParleySecurityProperties.class)
public class ServletResourceServerConfiguration {

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(ParleySecurityProperties properties) {
        JwksCache keys = new JwksCache(properties.jwksUri(), properties.jwksRefetchInterval());
        return holdingDecoder(keys, keys::holds, properties);
    }

    /**
     * How a servlet service verifies an access token, whatever holds its keys: RS256 against {@code keys}, every
     * validator ({@link AccessTokenValidators}), and a verified token held ({@link VerifiedTokens}) while
     * {@code keyHeld} says the key that signed it is still published. auth-service, which holds its own keys, verifies
     * its tokens through this too.
     */
    public static JwtDecoder holdingDecoder(JWKSource<SecurityContext> keys, Predicate<String> keyHeld,
                                            ParleySecurityProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder
                .withJwkSource(keys)
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        OAuth2TokenValidator<Jwt> validator = AccessTokenValidators.of(properties);
        decoder.setJwtValidator(validator);
        VerifiedTokens verified = new VerifiedTokens(properties.verifiedTokens(), validator, keyHeld, Clock.systemUTC());
        return token -> {
            Jwt known = verified.find(token);
            if (known != null) {
                return known;
            }
            Jwt decoded = decoder.decode(token);
            verified.keep(decoded);
            return decoded;
        };
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain parleySecurityFilterChain(HttpSecurity http, ParleySecurityProperties properties,
                                                  JsonMapper jsonMapper,
                                                  List<RequestAuthorizations> serviceRules) throws Exception {
        ProblemResponses problems = new ProblemResponses(jsonMapper);
        String[] open = properties.publicPaths().toArray(String[]::new);
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info",
                            "/actuator/prometheus", "/error", "/v3/api-docs/**", "/swagger-ui/**",
                            "/swagger-ui.html").permitAll();
                    requests.requestMatchers(open).permitAll();
                    serviceRules.forEach(rules -> rules.customize(requests));
                    requests.anyRequest().authenticated();
                })
                .oauth2ResourceServer(oauth2 -> oauth2
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(problems::unauthorized)
                        .accessDeniedHandler(problems::forbidden))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(problems::unauthorized)
                        .accessDeniedHandler(problems::forbidden))
                .build();
    }
}
