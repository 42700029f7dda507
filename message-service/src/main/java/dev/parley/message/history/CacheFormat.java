package dev.parley.message.history;

import dev.parley.events.message.Attachment;
import dev.parley.message.sending.MessageView;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * The format of the cache's entries, as a short name for its keys: a digest of one message, every field set, as this
 * build's mapper writes it. Pages are written out as the cache holds them ({@link CachedMessage}), so an entry another
 * build wrote — a field added or renamed, a date written otherwise — must never be served; with the format in the keys,
 * a build does not even read it, and the other build's keys expire on their own.
 */
final class CacheFormat {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    private CacheFormat() {
    }

    static String of(JsonMapper json) {
        UUID id = new UUID(1, 2);
        MessageView sample = new MessageView(id, id, 2, id, "c", "b", AT, AT, true, 1L, 1, AT,
                List.of(new MessageView.Reaction("e", 1, false)), List.of(id),
                List.of(new Attachment(id, "n", "t", 1, AT)));
        byte[] written = json.writeValueAsString(sample).getBytes(StandardCharsets.UTF_8);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(written), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
