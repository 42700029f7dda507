package dev.parley.message.history;

import dev.parley.message.history.PagePosition.After;
import dev.parley.message.history.PagePosition.Around;
import dev.parley.message.history.PagePosition.Before;
import dev.parley.message.history.PagePosition.Latest;
import dev.parley.message.rooms.RoomAccess;
import dev.parley.platform.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Pages of a room's history for a reader; a room the reader may not see does not exist (404). */
@Service
class MessageHistory {

    private final HistoryQueries queries;
    private final RoomAccess roomAccess;
    private final HistoryProperties properties;

    MessageHistory(HistoryQueries queries, RoomAccess roomAccess, HistoryProperties properties) {
        this.queries = queries;
        this.roomAccess = roomAccess;
        this.properties = properties;
    }

    MessagePage page(UUID roomId, UUID readerId, PagePosition position, Integer requestedLimit) {
        if (!roomAccess.canRead(roomId, readerId)) {
            throw new ApiException(HttpStatus.NOT_FOUND, "room_not_found", "No such room.");
        }
        int limit = Math.min(requestedLimit == null ? properties.defaultLimit() : requestedLimit,
                properties.maxLimit());
        // One row beyond the page tells whether there is more in its direction.
        return switch (position) {
            case Latest latest -> olderFirst(queries.latest(roomId, limit + 1), limit);
            case Before before -> olderFirst(queries.below(roomId, before.seq(), limit + 1), limit);
            case After after -> {
                List<MessageView> newer = queries.from(roomId, after.seq() + 1, limit + 1);
                yield new MessagePage(newer.subList(0, Math.min(limit, newer.size())), newer.size() > limit);
            }
            case Around around -> around(roomId, around.seq(), limit);
        };
    }

    private MessagePage around(UUID roomId, long seq, int limit) {
        int half = limit / 2;
        List<MessageView> older = queries.below(roomId, seq, half + 1);
        List<MessageView> olderOnPage = older.subList(0, Math.min(half, older.size()));
        List<MessageView> items = new ArrayList<>(olderOnPage.reversed());
        items.addAll(queries.from(roomId, seq, limit - olderOnPage.size()));
        return new MessagePage(items, older.size() > half);
    }

    /** {@code newestFirst} holds up to limit + 1 rows; the page is the newest {@code limit}, ascending. */
    private static MessagePage olderFirst(List<MessageView> newestFirst, int limit) {
        List<MessageView> page = newestFirst.subList(0, Math.min(limit, newestFirst.size()));
        return new MessagePage(List.copyOf(page.reversed()), newestFirst.size() > limit);
    }
}
