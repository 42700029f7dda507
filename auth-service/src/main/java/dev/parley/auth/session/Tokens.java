package dev.parley.auth.session;

/** The contract's Tokens answer of login and refresh. */
record Tokens(String accessToken, String tokenType, long expiresIn, String refreshToken, long refreshExpiresIn) {
}
