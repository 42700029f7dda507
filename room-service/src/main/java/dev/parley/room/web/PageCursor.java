package dev.parley.room.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/**
 * Where the next page of a keyset-paged list starts: after the entry with this {@code (at, id)} —
 * rooms by {@code (createdAt, id)}, members by {@code (joinedAt, userId)}. Opaque to clients.
 */
public record PageCursor(Instant at, UUID id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((at + "_" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** Binds a {@code cursor} query parameter; anything that does not decode is a 400 on {@code cursor}. */
    @Component
    static class FromQueryParameter implements Converter<String, PageCursor> {

        @Override
        public PageCursor convert(String encoded) {
            String[] parts = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8).split("_", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("Not a page cursor");
            }
            return new PageCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        }
    }
}
