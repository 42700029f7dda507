package dev.parley.room.room;

import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/** Which rooms GET /api/rooms lists: those the caller belongs to, or every public room. */
enum RoomScope {
    JOINED, PUBLIC;

    /** Binds {@code scope=joined|public}; any other value is a 400 on {@code scope}. */
    @Component
    static class FromQueryParameter implements Converter<String, RoomScope> {

        @Override
        public RoomScope convert(String scope) {
            return switch (scope) {
                case "joined" -> JOINED;
                case "public" -> PUBLIC;
                default -> throw new IllegalArgumentException("Not a scope: " + scope);
            };
        }
    }
}
