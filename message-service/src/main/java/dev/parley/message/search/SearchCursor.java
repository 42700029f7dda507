package dev.parley.message.search;

import dev.parley.platform.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/** The opaque {@code cursor} of a search page: the id of the last message it showed. */
public final class SearchCursor {

    private SearchCursor() {
    }

    public static String encode(UUID lastShown) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastShown.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The id to continue below; {@code null} for the first page. */
    public static UUID decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            return UUID.fromString(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("cursor", "not a cursor this API gave out");
        }
    }
}
