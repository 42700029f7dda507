package dev.parley.bench.faults;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** When an access token (a JWT) expires: a client logs in again shortly before, not after being refused. */
final class AccessToken {

    private static final Pattern EXPIRY = Pattern.compile("\"exp\"\\s*:\\s*(\\d+)");

    private AccessToken() {
    }

    static boolean expiresWithin(String jwt, long seconds) {
        try {
            String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
            Matcher expiry = EXPIRY.matcher(payload);
            return !expiry.find() || Long.parseLong(expiry.group(1)) - Instant.now().getEpochSecond() < seconds;
        } catch (RuntimeException e) {
            return true; // not a token we can read: get a new one
        }
    }
}
