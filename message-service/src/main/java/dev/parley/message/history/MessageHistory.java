package dev.parley.message.history;

import dev.parley.events.ErrorCode;
import dev.parley.message.commands.Rejections;
import dev.parley.message.history.PagePosition.After;
import dev.parley.message.history.PagePosition.Around;
import dev.parley.message.history.PagePosition.Before;
import dev.parley.message.history.PagePosition.Latest;
import dev.parley.message.history.RecentHistoryCache.CacheRead;
import dev.parley.message.reactions.ReaderReactions;
import dev.parley.message.rooms.RecentRoomAccess;
import dev.parley.message.rooms.RoomAccess.Level;
import dev.parley.message.sending.MessageView;
import dev.parley.platform.jdbc.DatabaseFailures;
import dev.parley.platform.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * Pages of a room's history for a reader; a room the reader may not see does not exist (404). The page
 * comes from the recent-history cache when it holds the room at the version PostgreSQL reports, from
 * PostgreSQL otherwise — and both go through the same paging code below.
 *
 * <p>While PostgreSQL cannot answer ({@link DatabaseBackoff}), a page is still served from the cache, at the
 * version the cache holds — nothing can be committed meanwhile — to a reader whose access this instance still
 * knows without it ({@link RecentRoomAccess}). Any other read is a 503, at once: a page the cache does not hold,
 * a reader whose access is not known, and a page with reactions (whether the reader gave them is in PostgreSQL).
 */
@Service
class MessageHistory {

    private final HistoryQueries queries;
    private final RecentHistoryCache cache;
    private final RecentRoomAccess roomAccess;
    private final DatabaseBackoff database;
    private final HistoryProperties properties;
    private final ReaderReactions reactions;

    MessageHistory(HistoryQueries queries, RecentHistoryCache cache, RecentRoomAccess roomAccess,
                   DatabaseBackoff database, HistoryProperties properties, ReaderReactions reactions) {
        this.reactions = reactions;
        this.queries = queries;
        this.cache = cache;
        this.roomAccess = roomAccess;
        this.database = database;
        this.properties = properties;
    }

    HistoryPage page(UUID roomId, UUID readerId, PagePosition position, Integer requestedLimit) {
        int limit = properties.pageSize(requestedLimit);
        if (!database.available()) {
            return withoutDatabase(roomId, readerId, position, limit).orElseThrow(DatabaseBackoff::unavailable);
        }
        try {
            return readersPage(roomId, readerId, position, limit);
        } catch (DataAccessException e) {
            if (!DatabaseFailures.isTransient(e)) {
                throw e;
            }
            database.leaveAlone(e);
            return withoutDatabase(roomId, readerId, position, limit).orElseThrow(() -> e);
        }
    }

    /**
     * The page as the reader sees it. From the cache, a page without reactions is written out as held — every reader
     * sees it alike; one with reactions is parsed to mark the reader's own, as a page from PostgreSQL is.
     */
    private HistoryPage readersPage(UUID roomId, UUID readerId, PagePosition position, int limit) {
        if (!roomAccess.check(roomId, readerId, Level.READ).allows(Level.READ)) {
            throw roomNotFound();
        }
        RoomHead head = queries.head(roomId);
        PageRange range = PageRange.of(position, limit, head.lastSeq());
        CacheRead read = cache.read(roomId, head, range);
        boolean refill = read instanceof CacheRead.Stale;
        if (read instanceof CacheRead.Hit hit) {
            Page<CachedMessage> cached = page(new CachedRange<>(range, hit.messages(), head.lastSeq()), position, limit);
            Optional<HistoryPage> asHeld = asHeld(cached);
            if (asHeld.isPresent()) {
                return asHeld.get();
            }
            Optional<List<MessageView>> parsed = cache.parsed(roomId, cached.items());
            if (parsed.isPresent()) {
                return new MessagePage(reactions.asSeenBy(readerId, parsed.get()), cached.hasMore());
            }
            refill = true; // an entry was damaged, and the room taken out of the cache
        }
        Page<MessageView> page = page(fromDatabase(roomId), position, limit);
        if (refill) {
            cache.refill(roomId);
        }
        return new MessagePage(reactions.asSeenBy(readerId, page.items()), page.hasMore());
    }

    /** The page from the cache alone, when this instance knows the reader's access without PostgreSQL; else empty. */
    private Optional<HistoryPage> withoutDatabase(UUID roomId, UUID readerId, PagePosition position, int limit) {
        Optional<Level> level = roomAccess.recalled(roomId, readerId);
        if (level.isPresent() && !level.get().allows(Level.READ)) {
            throw roomNotFound();
        }
        return level.flatMap(known -> cache.cachedHead(roomId)).flatMap(head -> {
            PageRange range = PageRange.of(position, limit, head.lastSeq());
            if (!(cache.read(roomId, head, range) instanceof CacheRead.Hit hit)) {
                return Optional.empty();
            }
            return asHeld(page(new CachedRange<>(range, hit.messages(), head.lastSeq()), position, limit));
        });
    }

    /** The page as the cache holds it, when no message on it has a reaction: then every reader sees it alike. */
    private static Optional<HistoryPage> asHeld(Page<CachedMessage> page) {
        return page.items().stream().anyMatch(CachedMessage::mayHaveReactions) ? Optional.empty()
                : Optional.of(new CachedPage(page.items(), page.hasMore()));
    }

    private static ApiException roomNotFound() {
        return Rejections.asApiException(ErrorCode.ROOM_NOT_FOUND, "roomId");
    }

    /** A page's messages, ascending, from either source. */
    private record Page<T>(List<T> items, boolean hasMore) {
    }

    private static <T> Page<T> page(HistorySource<T> source, PagePosition position, int limit) {
        // One row beyond the page tells whether there is more in its direction.
        return switch (position) {
            case Latest latest -> olderFirst(source.latest(limit + 1), limit);
            case Before before -> olderFirst(source.below(before.seq(), limit + 1), limit);
            case After after -> {
                List<T> newer = source.from(Math.min(after.seq(), Long.MAX_VALUE - 1) + 1, limit + 1);
                yield new Page<>(List.copyOf(newer.subList(0, Math.min(limit, newer.size()))), newer.size() > limit);
            }
            case Around around -> around(source, around.seq(), limit);
        };
    }

    private static <T> Page<T> around(HistorySource<T> source, long seq, int limit) {
        int half = limit / 2;
        List<T> older = source.below(seq, half + 1);
        List<T> olderOnPage = older.subList(0, Math.min(half, older.size()));
        List<T> items = new ArrayList<>(olderOnPage.reversed());
        items.addAll(source.from(seq, limit - olderOnPage.size()));
        return new Page<>(List.copyOf(items), older.size() > half);
    }

    /** {@code newestFirst} holds up to limit + 1 rows; the page is the newest {@code limit}, ascending. */
    private static <T> Page<T> olderFirst(List<T> newestFirst, int limit) {
        List<T> page = newestFirst.subList(0, Math.min(limit, newestFirst.size()));
        return new Page<>(List.copyOf(page.reversed()), newestFirst.size() > limit);
    }

    private HistorySource<MessageView> fromDatabase(UUID roomId) {
        return new HistorySource<>() {
            @Override
            public List<MessageView> latest(int max) {
                return queries.latest(roomId, max);
            }

            @Override
            public List<MessageView> below(long seq, int max) {
                return queries.below(roomId, seq, max);
            }

            @Override
            public List<MessageView> from(long seq, int max) {
                return queries.from(roomId, seq, max);
            }
        };
    }
}
