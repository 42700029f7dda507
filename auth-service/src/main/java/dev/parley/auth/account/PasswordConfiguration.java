package dev.parley.auth.account;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration
class PasswordConfiguration {

    /**
     * BCrypt, cost 10: adaptive, and cheap enough for a login rate the brute-force limit allows;
     * passwords over BCrypt's 72 bytes are pre-hashed first ({@link PrehashingBCrypt}); a bounded number of
     * hashes run and wait at once ({@link PasswordHashingProperties}), so sign-ins never take every core nor
     * every request thread ({@link BoundedHashing}).
     */
    @Bean
    PasswordEncoder passwordEncoder(PasswordHashingProperties properties) {
        return new BoundedHashing(new PrehashingBCrypt(10), properties.concurrency(), properties.maxWaiting(),
                properties.maxWait());
    }
}
