package dev.parley.auth.session;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The contract's Tokens answer of login and refresh. {@code refreshToken} is left out of the answer of a
 * cookie session ({@link RefreshCookie}), which carries it in the cookie only.
 */
record Tokens(String accessToken, String tokenType, long expiresIn,
              @JsonInclude(JsonInclude.Include.NON_NULL) String refreshToken, long refreshExpiresIn) {

    Tokens withoutRefreshToken() {
        return new Tokens(accessToken, tokenType, expiresIn, null, refreshExpiresIn);
    }
}
