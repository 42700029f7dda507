package dev.parley.auth.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * BCrypt for every password the contract allows. BCrypt reads at most 72 bytes (Spring Security
 * refuses more rather than silently truncate), yet 128 characters can take 512 bytes of UTF-8. A
 * password longer than 72 bytes is therefore reduced to base64(SHA-256(password)) — 44 ASCII bytes,
 * all of its entropy, and no NUL byte for a BCrypt implementation to stop at — and that is BCrypted.
 * Which path a password takes depends on the password alone, so a login takes the one its registration
 * took; hashes stored before this keep verifying (no password over 72 bytes could be stored then).
 */
final class PrehashingBCrypt implements PasswordEncoder {

    static final int BCRYPT_MAX_BYTES = 72;

    private final BCryptPasswordEncoder bcrypt;

    PrehashingBCrypt(int strength) {
        this.bcrypt = new BCryptPasswordEncoder(strength);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return bcrypt.encode(fitted(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return bcrypt.matches(fitted(rawPassword), encodedPassword);
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return bcrypt.upgradeEncoding(encodedPassword);
    }

    private static CharSequence fitted(CharSequence rawPassword) {
        byte[] utf8 = rawPassword.toString().getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= BCRYPT_MAX_BYTES) {
            return rawPassword;
        }
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(utf8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
