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

    /**
     * Binds a {@code cursor} query parameter; anything that does not decode is a 400 on {@code cursor} — also a
     * time no row holds (outside the years 1–9999 of RFC 3339), which {@code Instant.parse} reads but PostgreSQL
     * refuses (a 500).
     */
    @Component
    static class FromQueryParameter implements Converter<String, PageCursor> {

        private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
        private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

        @Override
        public PageCursor convert(String encoded) {
            String[] parts = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8).split("_", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("Not a page cursor");
            }
            Instant at = Instant.parse(parts[0]);
            if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
                throw new IllegalArgumentException("Not a page cursor this service issued");
            }
            return new PageCursor(at, UUID.fromString(parts[1]));
        }
    }
}
