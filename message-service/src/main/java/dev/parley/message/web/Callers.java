package dev.parley.message.web;

import dev.parley.platform.web.ApiException;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;

/** The user behind a request: the access token's subject. */
public final class Callers {

    private Callers() {
    }

    public static UUID userId(Jwt caller) {
        try {
            return UUID.fromString(caller.getSubject());
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "The token's subject is not a user id.");
        }
    }
}
