package dev.parley.bench.hostile;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Hostile HTTP requests for the contract's routes (§2): real and absurd paths, query values, headers,
 * tokens and bodies — mutated JSON of the right shape, wrong types, control characters, deep nesting,
 * invalid UTF-8, oversized parts. Deterministic for a seed, so a failure can be replayed.
 */
final class FuzzedRequests {

    /** One request: method, path with query, headers and body (null: none). */
    record FuzzRequest(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {

        String describe() {
            return method + " " + pathAndQuery + " " + headers.keySet() + " body "
                    + (body == null ? "none" : body.length + " B: "
                    + new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8));
        }
    }

    /** What the requests may refer to: ids that exist and a valid token of the attacking user. */
    record Targets(String ownRoomId, String foreignRoomId, String ownUserId, String otherUserId, String token) {
    }

    private static final List<String> ROUTES = List.of(
            "POST /api/auth/register", "POST /api/auth/login", "POST /api/auth/refresh", "POST /api/auth/logout",
            "GET /api/users/me", "PATCH /api/users/me", "GET /api/users/{user}", "GET /api/users?q={text}&limit={num}",
            "GET /.well-known/jwks.json", "GET /.well-known/openid-configuration",
            "POST /api/rooms", "POST /api/rooms/direct", "GET /api/rooms?scope={text}&limit={num}&cursor={text}",
            "GET /api/rooms/{room}", "PATCH /api/rooms/{room}", "DELETE /api/rooms/{room}",
            "GET /api/rooms/{room}/members?limit={num}&cursor={text}", "POST /api/rooms/{room}/members",
            "DELETE /api/rooms/{room}/members/{user}", "PUT /api/rooms/{room}/members/{user}/role",
            "POST /api/rooms/{room}/bans", "DELETE /api/rooms/{room}/bans/{user}",
            "GET /api/rooms/{room}/messages?before={num}&after={num}&around={num}&limit={num}",
            "POST /api/rooms/{room}/messages", "PATCH /api/rooms/{room}/messages/{num}",
            "DELETE /api/rooms/{room}/messages/{num}", "PUT /api/rooms/{room}/read", "GET /api/me/unread",
            "GET /api/rooms/{room}/presence", "GET /api/search/messages?q={text}&roomId={room}&limit={num}",
            "GET /api/me/mentions?limit={num}&cursor={text}", "GET /ws", "GET /", "GET /app.js",
            "GET /actuator/health", "GET /actuator/env", "POST /actuator/signingkeys", "GET /{text}");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE",
            "FOO");
    private static final List<String> FIELDS = List.of("username", "password", "displayName", "refreshToken", "name",
            "topic", "visibility", "userId", "role", "reason", "body", "clientMsgId", "seq", "userIds");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml",
            "application/json; charset=latin1", "*/*", "", "json");

    private final SplittableRandom random;
    private final Targets targets;

    FuzzedRequests(long seed, Targets targets) {
        this.random = new SplittableRandom(seed);
        this.targets = targets;
    }

    FuzzRequest next() {
        String route = ROUTES.get(random.nextInt(ROUTES.size()));
        String method = route.substring(0, route.indexOf(' '));
        if (random.nextInt(10) == 0) {
            method = METHODS.get(random.nextInt(METHODS.size()));
        }
        String path = fill(route.substring(route.indexOf(' ') + 1));
        Map<String, String> headers = new LinkedHashMap<>();
        String token = token();
        if (token != null) {
            headers.put("Authorization", token);
        }
        if (random.nextInt(4) == 0) {
            headers.put("Content-Type", CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size())));
        } else {
            headers.put("Content-Type", "application/json");
        }
        switch (random.nextInt(12)) {
            case 0 -> headers.put("X-Forwarded-For", "10.0.0." + random.nextInt(256) + ", 127.0.0.1");
            case 1 -> headers.put("Accept", pick("text/html", "application/xml", "image/png", "*/*", "garbage/",
                    "application/problem+json"));
            case 2 -> headers.put("X-Fuzz", ascii(random.nextInt(1, 20_000)));
            case 3 -> headers.put("Origin", pick("https://evil.example", "null", "http://127.0.0.1"));
            case 4 -> headers.put("Accept-Language", ascii(random.nextInt(1, 200)));
            default -> { }
        }
        byte[] body = method.equals("GET") || method.equals("DELETE") || random.nextInt(8) == 0 ? null : body();
        return new FuzzRequest(method, path, headers, body);
    }

    private String fill(String template) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < template.length()) {
            int open = template.indexOf('{', at);
            if (open < 0) {
                out.append(template, at, template.length());
                break;
            }
            out.append(template, at, open);
            int close = template.indexOf('}', open);
            out.append(switch (template.substring(open + 1, close)) {
                case "room" -> id(targets.ownRoomId(), targets.foreignRoomId());
                case "user" -> id(targets.ownUserId(), targets.otherUserId());
                case "num" -> pathSafe(number());
                default -> pathSafe(text());
            });
            at = close + 1;
        }
        return out.toString();
    }

    private String id(String own, String foreign) {
        return switch (random.nextInt(6)) {
            case 0 -> own;
            case 1 -> foreign;
            case 2 -> UUID.randomUUID().toString();
            case 3 -> own.toUpperCase(java.util.Locale.ROOT);
            default -> pathSafe(text());
        };
    }

    private String token() {
        return switch (random.nextInt(8)) {
            case 0, 1, 2, 3 -> "Bearer " + targets.token();
            case 4 -> null;
            case 5 -> "Bearer " + forgedKid(targets.token());
            case 6 -> "Bearer " + ascii(random.nextInt(0, 300));
            default -> pick("Basic YWRtaW46YWRtaW4=", "Bearer", "bearer " + targets.token(), "Bearer a.b.c",
                    "Bearer " + targets.token() + "x");
        };
    }

    /** The token with a header naming a key nobody has: the resource servers must not refetch keys for each. */
    private String forgedKid(String token) {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + UUID.randomUUID() + "\"}";
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(header.getBytes(StandardCharsets.UTF_8))
                + token.substring(token.indexOf('.'));
    }

    private byte[] body() {
        return switch (random.nextInt(14)) {
            case 0 -> "{".repeat(random.nextInt(1, 20_000)).getBytes(StandardCharsets.UTF_8);
            case 1 -> "[".repeat(random.nextInt(1, 5_000)).concat("]".repeat(random.nextInt(0, 5_000)))
                    .getBytes(StandardCharsets.UTF_8);
            case 2 -> randomBytes(random.nextInt(0, 2_000));
            case 3 -> new byte[] {'{', '"', 'b', 'o', 'd', 'y', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
            case 4 -> ascii(random.nextInt(70_000, 200_000)).getBytes(StandardCharsets.UTF_8);
            case 5 -> "null".getBytes(StandardCharsets.UTF_8);
            case 6 -> ("\"" + text() + "\"").getBytes(StandardCharsets.UTF_8);
            case 7 -> ("{\"seq\":" + "9".repeat(random.nextInt(1, 400)) + "}").getBytes(StandardCharsets.UTF_8);
            default -> object().getBytes(StandardCharsets.UTF_8);
        };
    }

    /** A JSON object of the contract's field names with values of every type, some right, most wrong. */
    private String object() {
        StringBuilder json = new StringBuilder("{");
        int fields = random.nextInt(0, 6);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                json.append(',');
            }
            String name = random.nextInt(10) == 0 ? text() : FIELDS.get(random.nextInt(FIELDS.size()));
            json.append(quote(name)).append(':').append(value(0));
        }
        return json.append(random.nextInt(20) == 0 ? "" : "}").toString();
    }

    private String value(int depth) {
        return switch (random.nextInt(depth > 3 ? 6 : 9)) {
            case 0 -> quote(text());
            case 1 -> number();
            case 2 -> pick("true", "false", "null");
            case 3 -> quote(pick("public", "private", "owner", "admin", "member", "god", ""));
            case 4 -> quote(id(targets.ownUserId(), targets.otherUserId()));
            case 5 -> quote("x".repeat(random.nextInt(0, 5_000)));
            case 6 -> "[" + value(depth + 1) + "," + value(depth + 1) + "]";
            case 7 -> "{\"a\":" + value(depth + 1) + "}";
            default -> quote(targets.token());
        };
    }

    private String text() {
        return switch (random.nextInt(9)) {
            case 0 -> "";
            case 1 -> "\u0000";
            case 2 -> "a\u0000b";
            case 3 -> "'; DROP TABLE users; --";
            case 4 -> "<script>alert(1)</script>";
            case 5 -> "\ud83d\ude00".repeat(random.nextInt(1, 300));
            case 6 -> "..%2F..%2Fetc%2Fpasswd";
            case 7 -> "\u202e\u0007\u001b[31m";
            default -> ascii(random.nextInt(1, 80));
        };
    }

    private String number() {
        return pick("0", "-1", "1", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "1e309",
                "1.5", "NaN", "0x10", "01", String.valueOf(random.nextInt()));
    }

    private String ascii(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((char) random.nextInt(0x21, 0x7F));
        }
        return out.toString();
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private String pick(String... choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** Percent-encodes everything but unreserved characters, so any text becomes a valid path or query part. */
    private static String pathSafe(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
