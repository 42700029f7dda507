package dev.parley.auth.session;

import dev.parley.auth.AuthProperties;
import dev.parley.auth.account.Accounts;
import dev.parley.auth.account.User;
import dev.parley.auth.throttle.LoginThrottle;
import dev.parley.auth.token.AccessTokens;
import dev.parley.platform.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Login, refresh-token rotation with reuse detection, and logout. */
@Service
class Sessions {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int REFRESH_TOKEN_BYTES = 32;
    private static final int REFRESH_TOKEN_LENGTH = 43;

    private final Accounts accounts;
    private final AccessTokens accessTokens;
    private final RefreshTokenRepository refreshTokens;
    private final AuthProperties properties;
    private final LoginThrottle throttle;

    Sessions(Accounts accounts, AccessTokens accessTokens, RefreshTokenRepository refreshTokens,
             AuthProperties properties, LoginThrottle throttle) {
        this.accounts = accounts;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.properties = properties;
        this.throttle = throttle;
    }

    /**
     * Refused while the username or the address has too many recent failures, even with the right password. Not
     * one transaction: the password check holds no database connection while it waits to hash (see
     * {@link Accounts#authenticate}), and the new refresh token is stored in a transaction of its own.
     */
    Tokens login(String username, String password, String address) {
        LoginThrottle.Attempt attempt = throttle.reserve(username, address);
        User user;
        try {
            user = accounts.authenticate(username, password).orElse(null);
        } catch (RuntimeException e) {
            attempt.abandoned();
            throw e;
        }
        if (user == null) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "invalid_credentials", "Wrong username or password.");
        }
        attempt.succeeded();
        return issue(user, UUID.randomUUID());
    }

    /**
     * Exchanges a refresh token for new tokens; the presented one is spent. Presenting a spent token
     * means the chain leaked: the whole family is revoked (this login only; other sessions stay).
     */
    @Transactional(noRollbackFor = ApiException.class)
    Tokens refresh(String presented) {
        if (!isWellFormed(presented)) {
            throw invalidRefreshToken();
        }
        Instant now = Instant.now();
        RefreshToken token = refreshTokens.findForUpdate(hash(presented)).orElseThrow(Sessions::invalidRefreshToken);
        if (token.isSpent()) {
            refreshTokens.revokeFamily(token.familyId(), now);
            throw invalidRefreshToken();
        }
        if (!token.isUsableAt(now)) {
            throw invalidRefreshToken();
        }
        token.spend(now);
        return issue(accounts.get(token.accountId()), token.familyId());
    }

    /** Revokes the token's family if the token is the caller's; anyone else's token is left alone. */
    @Transactional
    void logout(UUID caller, String presented) {
        if (!isWellFormed(presented)) {
            return;
        }
        refreshTokens.findForUpdate(hash(presented))
                .filter(token -> token.accountId().equals(caller))
                .ifPresent(token -> refreshTokens.revokeFamily(token.familyId(), Instant.now()));
    }

    private Tokens issue(User user, UUID family) {
        byte[] secret = new byte[REFRESH_TOKEN_BYTES];
        RANDOM.nextBytes(secret);
        String refreshToken = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = Instant.now();
        refreshTokens.save(new RefreshToken(family, user.id(), hash(refreshToken), now,
                now.plus(properties.refreshTokenTtl())));
        return new Tokens(accessTokens.issue(user), "Bearer", accessTokens.lifetimeSeconds(), refreshToken,
                properties.refreshTokenTtl().toSeconds());
    }

    /** The shape {@link #issue} gives a refresh token: 32 bytes in unpadded base64url (43 characters). */
    private static boolean isWellFormed(String token) {
        return token.length() == REFRESH_TOKEN_LENGTH && token.chars().allMatch(c -> c >= 'A' && c <= 'Z'
                || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_');
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ApiException invalidRefreshToken() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "invalid_refresh_token",
                "The refresh token is not valid.");
    }
}
