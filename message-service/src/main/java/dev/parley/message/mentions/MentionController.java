package dev.parley.message.mentions;

import dev.parley.message.history.HistoryProperties;
import dev.parley.message.reactions.ReaderReactions;
import dev.parley.message.rooms.RoomAccess;
import dev.parley.message.search.SearchCursor;
import dev.parley.message.sending.MessageView;
import dev.parley.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Positive;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/me/mentions}: the messages that mention the caller, newest first, in rooms they can read now. */
@RestController
class MentionController {

    private final MentionQueries queries;
    private final RoomAccess access;
    private final ReaderReactions reactions;
    private final HistoryProperties limits;

    MentionController(MentionQueries queries, RoomAccess access, ReaderReactions reactions, HistoryProperties limits) {
        this.queries = queries;
        this.access = access;
        this.reactions = reactions;
        this.limits = limits;
    }

    /** A page of mentions and the cursor of the next one ({@code null}: no more). */
    record MentionPage(List<MessageView> items, String nextCursor) {
    }

    @Operation(summary = "The messages that mention the caller, newest first, across the rooms the caller can "
            + "still read; deleted messages are left out",
            responses = {
                    @ApiResponse(responseCode = "200", description = "{items, nextCursor}; limit defaults to 50, clamped to 100"),
                    @ApiResponse(responseCode = "400", description = "validation_failed (limit, cursor)")})
    @GetMapping("/api/me/mentions")
    MentionPage mentions(@RequestParam(required = false) @Positive Integer limit,
                         @RequestParam(required = false) String cursor, @CurrentUser UUID caller) {
        int pageSize = limits.pageSize(limit);
        UUID below = SearchCursor.decode(cursor);
        List<UUID> rooms = access.readableRooms(caller);
        if (rooms.isEmpty()) {
            return new MentionPage(List.of(), null);
        }
        List<MessageView> found = queries.mentioning(caller, rooms, below, pageSize + 1);
        List<MessageView> page = reactions.asSeenBy(caller, found.subList(0, Math.min(pageSize, found.size())));
        return new MentionPage(page, found.size() > pageSize ? SearchCursor.encode(page.getLast().id()) : null);
    }
}
