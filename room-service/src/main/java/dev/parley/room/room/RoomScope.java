package dev.parley.room.room;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/** Which rooms GET /api/rooms lists: those the caller belongs to, or every public room. */
enum RoomScope {
    JOINED, PUBLIC;

    /** {@code joined|public}: what the query parameter binds, and what the OpenAPI document lists. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Binds {@code scope=joined|public}; any other value is a 400 on {@code scope}. */
    @Component
    static class FromQueryParameter implements Converter<String, RoomScope> {

        @Override
        public RoomScope convert(String scope) {
            for (RoomScope candidate : values()) {
                if (candidate.wireName().equals(scope)) {
                    return candidate;
                }
            }
            throw new IllegalArgumentException("Not a scope: " + scope);
        }
    }
}
