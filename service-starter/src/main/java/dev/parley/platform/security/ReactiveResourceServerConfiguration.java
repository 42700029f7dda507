package dev.parley.platform.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The reactive twin of {@link ServletResourceServerConfiguration}'s decoder, for the API gateway: the
 * same {@link JwksCache}, validators and {@link VerifiedTokens}. A key the cache holds (or a miss it refuses) is answered on the
 * calling thread; only a JWKS fetch, which blocks, moves to a thread that may block.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(ParleySecurityProperties.class)
public class ReactiveResourceServerConfiguration {

    @Bean
    @ConditionalOnMissingBean(ReactiveJwtDecoder.class)
    HoldingJwtDecoder reactiveJwtDecoder(ParleySecurityProperties properties) {
        JwksCache keys = new JwksCache(properties.jwksUri(), properties.jwksRefetchInterval());
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource(jwt -> keysFor(jwt, keys))
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        OAuth2TokenValidator<Jwt> validator = AccessTokenValidators.of(properties);
        decoder.setJwtValidator(validator);
        VerifiedTokens verified = new VerifiedTokens(properties.verifiedTokens(), validator, keys::holds, Clock.systemUTC());
        return new HoldingJwtDecoder() {
            @Override
            public Mono<Jwt> decode(String token) {
                Jwt known = held(token);
                return known != null ? Mono.just(known) : decoder.decode(token).doOnNext(verified::keep);
            }

            @Override
            public Jwt held(String token) {
                return verified.find(token);
            }
        };
    }

    private static Flux<JWK> keysFor(SignedJWT jwt, JwksCache keys) {
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            return Flux.empty(); // refused by the decoder anyway; no reason to look for a key
        }
        JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader()));
        try {
            List<JWK> cached = keys.getWithoutFetching(selector);
            if (cached != null) {
                return Flux.fromIterable(cached);
            }
        } catch (KeySourceException e) {
            return Flux.error(e);
        }
        return Mono.fromCallable(() -> keys.get(selector, null))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMapIterable(found -> found);
    }
}
