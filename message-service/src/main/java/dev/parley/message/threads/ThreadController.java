package dev.parley.message.threads;

import dev.parley.events.ErrorCode;
import dev.parley.message.commands.Rejections;
import dev.parley.message.editing.EditStore;
import dev.parley.message.history.HistoryProperties;
import dev.parley.message.reactions.ReaderReactions;
import dev.parley.message.rooms.RoomAccess;
import dev.parley.message.sending.MessageView;
import dev.parley.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/rooms/{id}/messages/{seq}/thread}: a thread's replies, ascending by seq, a page at a time. */
@RestController
class ThreadController {

    private final ThreadStore threads;
    private final EditStore messages;
    private final RoomAccess access;
    private final ReaderReactions reactions;
    private final HistoryProperties limits;

    ThreadController(ThreadStore threads, EditStore messages, RoomAccess access, ReaderReactions reactions,
                     HistoryProperties limits) {
        this.threads = threads;
        this.messages = messages;
        this.access = access;
        this.reactions = reactions;
        this.limits = limits;
    }

    /** Replies after {@code after}, and whether more follow. */
    record ThreadPage(List<MessageView> items, boolean hasMore) {
    }

    @Operation(summary = "The replies of a thread (its root being the message seq), ascending by seq, after "
            + "the seq given",
            responses = {
                    @ApiResponse(responseCode = "200", description = "{items, hasMore}; limit as for history (50, at most 100)"),
                    @ApiResponse(responseCode = "400", description = "validation_failed (after, limit)"),
                    @ApiResponse(responseCode = "404", description = "room_not_found, message_not_found (no such root)")})
    @GetMapping("/api/rooms/{roomId}/messages/{seq}/thread")
    ThreadPage thread(@PathVariable UUID roomId, @PathVariable long seq,
                      @RequestParam(required = false) @PositiveOrZero Long after,
                      @RequestParam(required = false) @Positive Integer limit, @CurrentUser UUID caller) {
        if (!access.canRead(roomId, caller)) {
            throw Rejections.asApiException(ErrorCode.ROOM_NOT_FOUND, "roomId");
        }
        ThreadRules.refuseReply(messages.find(roomId, seq)).ifPresent(refusal -> {
            throw Rejections.asApiException(ErrorCode.MESSAGE_NOT_FOUND, "seq");
        });
        int pageSize = limits.pageSize(limit);
        List<MessageView> found = threads.replies(roomId, seq, after == null ? seq : after, pageSize + 1);
        List<MessageView> page = found.subList(0, Math.min(pageSize, found.size()));
        return new ThreadPage(reactions.asSeenBy(caller, page), found.size() > pageSize);
    }
}
