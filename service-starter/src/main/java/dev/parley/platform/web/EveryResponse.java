package dev.parley.platform.web;

import java.util.Map;

/**
 * Contract §7: every response through the public entry carries {@code X-Content-Type-Options: nosniff} and
 * {@code Referrer-Policy: no-referrer}, and a Content-Security-Policy that allows no inline script (the web client
 * loads its script and style from its own origin and talks to its own origin only; images may also be {@code blob:}
 * URLs, the attachments it shows as object URLs). Two write them: the edge, on everything it answers, and ws-gateway,
 * on the answers to {@code /ws} upgrades it writes itself on the connections the edge hands over (ADR 0023).
 */
public final class EveryResponse {

    public static final String CONTENT_SECURITY_POLICY_HEADER = "Content-Security-Policy";
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    /** The headers and their values. */
    public static final Map<String, String> HEADERS = Map.of("X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer", CONTENT_SECURITY_POLICY_HEADER, CONTENT_SECURITY_POLICY);

    private EveryResponse() {
    }
}
