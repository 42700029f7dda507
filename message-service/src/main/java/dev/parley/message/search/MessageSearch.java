package dev.parley.message.search;

import dev.parley.events.ErrorCode;
import dev.parley.events.message.MessageRules;
import dev.parley.message.commands.Rejections;
import dev.parley.message.history.HistoryProperties;
import dev.parley.message.reactions.ReaderReactions;
import dev.parley.message.rooms.RoomAccess;
import dev.parley.message.sending.MessageView;
import dev.parley.platform.web.ApiException;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Message search (contract §6): messages whose body has every word of {@code q}, in the rooms the caller can
 * read now — one room when asked, else all of them — newest first, a page at a time.
 */
@Service
public class MessageSearch {

    static final int MAX_QUERY_CODE_POINTS = 200;

    private final RoomAccess access;
    private final SearchQueries queries;
    private final ReaderReactions reactions;
    private final HistoryProperties limits;

    MessageSearch(RoomAccess access, SearchQueries queries, ReaderReactions reactions, HistoryProperties limits) {
        this.reactions = reactions;
        this.access = access;
        this.queries = queries;
        this.limits = limits;
    }

    public SearchPage search(UUID caller, String q, UUID roomId, Integer requestedLimit, String cursor) {
        int codePoints = q == null ? 0 : q.codePointCount(0, q.length());
        if (codePoints == 0 || codePoints > MAX_QUERY_CODE_POINTS) {
            throw ApiException.invalid("q", "1-" + MAX_QUERY_CODE_POINTS + " code points");
        }
        int limit = limits.pageSize(requestedLimit);
        UUID below = SearchCursor.decode(cursor);
        List<UUID> rooms = roomsToSearch(caller, roomId);
        if (rooms.isEmpty()) {
            return SearchPage.EMPTY;
        }
        List<SearchHit> found = queries.matches(wordsOnly(q), rooms, below, limit + 1);
        List<SearchHit> page = asSeenBy(caller, found.subList(0, Math.min(limit, found.size())));
        return new SearchPage(page, found.size() > limit ? SearchCursor.encode(page.getLast().message().id()) : null);
    }

    /**
     * {@code q} with every character no body can hold ({@link MessageRules#mayHold}) made a space: it can match
     * nothing, so it only separates words — and PostgreSQL refuses a NUL in text outright (the hostile
     * workload's fuzzer found that a 500).
     */
    static String wordsOnly(String q) {
        StringBuilder words = new StringBuilder(q.length());
        q.codePoints().forEach(codePoint -> words.appendCodePoint(MessageRules.mayHold(codePoint) ? codePoint : ' '));
        return words.toString();
    }

    private List<SearchHit> asSeenBy(UUID caller, List<SearchHit> hits) {
        List<MessageView> seen = reactions.asSeenBy(caller, hits.stream().map(SearchHit::message).toList());
        return java.util.stream.IntStream.range(0, hits.size())
                .mapToObj(i -> new SearchHit(seen.get(i), hits.get(i).highlight())).toList();
    }

    private List<UUID> roomsToSearch(UUID caller, UUID roomId) {
        if (roomId == null) {
            return access.readableRooms(caller);
        }
        if (!access.canRead(roomId, caller)) {
            throw Rejections.asApiException(ErrorCode.ROOM_NOT_FOUND, "roomId");
        }
        return List.of(roomId);
    }
}
