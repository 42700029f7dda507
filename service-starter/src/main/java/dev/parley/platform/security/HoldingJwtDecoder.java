package dev.parley.platform.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * The reactive decoder, which can also tell — without parsing a token, checking a signature or fetching a key —
 * whether it holds a token as verified ({@link VerifiedTokens}): the edge uses that to know a request's user before
 * its security chain runs (ADR 0038).
 */
public interface HoldingJwtDecoder extends ReactiveJwtDecoder {

    /** The token as verified earlier, when it is held, passes every validator now and its key is still published; else null. */
    Jwt held(String token);
}
