package dev.parley.bench.hostile;

import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Hostile WebSocket frames (contract §3): every frame type with absurd fields, unknown and missing types,
 * broken JSON, deep nesting, long ids, NULs and lone surrogates, binary and oversized frames.
 * Deterministic for a seed.
 */
final class FuzzedFrames {

    /** A frame to send: text, or binary when {@code binary} is set. */
    record FuzzFrame(String text, boolean binary) {
    }

    private static final List<String> TYPES = List.of("subscribe", "unsubscribe", "send", "typing", "read", "ping",
            "auth");

    private final SplittableRandom random;
    private final String ownRoomId;
    private final String foreignRoomId;

    FuzzedFrames(long seed, String ownRoomId, String foreignRoomId) {
        this.random = new SplittableRandom(seed);
        this.ownRoomId = ownRoomId;
        this.foreignRoomId = foreignRoomId;
    }

    FuzzFrame next() {
        int kind = random.nextInt(100);
        if (kind < 1) {
            return new FuzzFrame(null, true);
        }
        if (kind < 2) {
            return new FuzzFrame("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70_000) + "\"}", false);
        }
        if (kind < 20) {
            return new FuzzFrame(broken(), false);
        }
        if (kind < 30) {
            return new FuzzFrame("{\"type\":" + pick("\"nope\"", "1", "null", "[]", "{}", "\"\"", "\"SEND\"",
                    "\"send\\u0000\"") + ",\"id\":\"" + random.nextInt() + "\"}", false);
        }
        return new FuzzFrame(typed(TYPES.get(random.nextInt(TYPES.size()))), false);
    }

    private String typed(String type) {
        StringBuilder json = new StringBuilder("{\"type\":\"").append(type).append('"');
        if (random.nextInt(3) > 0) {
            json.append(",\"id\":").append(id());
        }
        switch (type) {
            case "subscribe" -> {
                json.append(",\"roomId\":").append(room());
                if (random.nextBoolean()) {
                    json.append(",\"sinceSeq\":").append(number());
                }
            }
            case "unsubscribe", "typing" -> json.append(",\"roomId\":").append(room());
            case "send" -> json.append(",\"roomId\":").append(room()).append(",\"clientMsgId\":").append(clientMsgId())
                    .append(",\"body\":").append(body());
            case "read" -> json.append(",\"roomId\":").append(room()).append(",\"seq\":").append(number());
            case "auth" -> json.append(",\"token\":").append(pick("\"\"", "null", "\"a.b.c\"", "1",
                    "\"" + "x".repeat(random.nextInt(1, 3_000)) + "\""));
            default -> { }
        }
        return json.append('}').toString();
    }

    private String id() {
        return switch (random.nextInt(6)) {
            case 0 -> "\"" + "i".repeat(random.nextInt(129, 20_000)) + "\"";
            case 1 -> pick("1", "null", "{}", "[1,2]", "true");
            case 2 -> "\"\\u0000\"";
            default -> "\"" + random.nextInt(1_000_000) + "\"";
        };
    }

    private String room() {
        return switch (random.nextInt(8)) {
            case 0, 1, 2 -> "\"" + ownRoomId + "\"";
            case 3 -> "\"" + foreignRoomId + "\"";
            case 4 -> "\"" + UUID.randomUUID() + "\"";
            case 5 -> pick("null", "1", "[]", "\"\"");
            default -> "\"" + pick("not-a-uuid", "../../etc", "\\u0000", ownRoomId + "x") + "\"";
        };
    }

    private String clientMsgId() {
        return switch (random.nextInt(5)) {
            case 0 -> "\"" + "c".repeat(random.nextInt(65, 3_000)) + "\"";
            case 1 -> pick("null", "1", "\"\"", "\"a b\"", "\"ü\"", "\"\\u0000\"");
            default -> "\"f" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + "\"";
        };
    }

    private String body() {
        return switch (random.nextInt(9)) {
            case 0 -> "\"\"";
            case 1 -> "\"   \"";
            case 2 -> "\"a\\u0000b\"";
            case 3 -> "\"\\ud800\"";
            case 4 -> "\"" + "b".repeat(4_001) + "\"";
            case 5 -> pick("null", "1", "[]", "{\"a\":1}");
            case 6 -> "\"\\u0007\\u001b[2J\"";
            default -> "\"fuzz " + random.nextInt() + "\"";
        };
    }

    private String number() {
        return pick("0", "-1", "1", "9223372036854775807", "9223372036854775808", "1e309", "1.5", "\"5\"", "null",
                String.valueOf(random.nextInt(0, 100)));
    }

    private String broken() {
        return switch (random.nextInt(10)) {
            case 0 -> "";
            case 1 -> "{";
            case 2 -> "[".repeat(random.nextInt(1, 30_000));
            case 3 -> "{\"a\":".repeat(random.nextInt(1, 10_000));
            case 4 -> "null";
            case 5 -> "[{\"type\":\"ping\"}]";
            case 6 -> "\"ping\"";
            case 7 -> "{\"type\":\"ping\"}{\"type\":\"ping\"}";
            case 8 -> "{\"type\":\"ping\",\"type\":\"send\"}";
            default -> "{\"type\":\"send\",\"roomId\":\"" + ownRoomId + "\",\"body\":\"unterminated";
        };
    }

    private String pick(String... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
