package dev.parley.auth.account;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration
class PasswordConfiguration {

    /**
     * BCrypt, cost 10: adaptive, and cheap enough for a login rate the brute-force limit allows;
     * passwords over BCrypt's 72 bytes are pre-hashed first ({@link PrehashingBCrypt}); at most
     * {@code parley.auth.password-hashing.concurrency} hashes at once (half the cores, at least one),
     * so sign-ins never take every core ({@link BoundedHashing}).
     */
    @Bean
    PasswordEncoder passwordEncoder(
            @Value("${parley.auth.password-hashing.concurrency:#{T(java.lang.Math).max(1, T(java.lang.Runtime).getRuntime().availableProcessors() / 2)}}") int concurrency,
            @Value("${parley.auth.password-hashing.max-wait:10s}") Duration maxWait) {
        return new BoundedHashing(new PrehashingBCrypt(10), concurrency, maxWait);
    }
}
