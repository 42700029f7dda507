package dev.parley.room.room;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/** Where the next page starts: after the room with this {@code (createdAt, id)}. Opaque to clients. */
record RoomCursor(Instant createdAt, UUID id) {

    static RoomCursor after(Room room) {
        return new RoomCursor(room.createdAt(), room.getId());
    }

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + "_" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** Binds the {@code cursor} query parameter; anything that does not decode is a 400 on {@code cursor}. */
    @Component
    static class FromQueryParameter implements Converter<String, RoomCursor> {

        @Override
        public RoomCursor convert(String encoded) {
            String[] parts = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8).split("_", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("Not a room cursor");
            }
            return new RoomCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        }
    }
}
