package dev.parley.message.history;

import dev.parley.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class HistoryController {

    private final MessageHistory history;

    HistoryController(MessageHistory history) {
        this.history = history;
    }

    @Operation(summary = "A page of a room's history, ascending by seq: the latest messages, or those before, after "
            + "or around a seq (at most one of them; after=0 starts at the beginning)", responses = {
            @ApiResponse(responseCode = "200", description = "{items, hasMore}; limit defaults to 50, clamped to 100",
                    content = @Content(mediaType = "application/json", schema = @Schema(implementation = MessagePage.class))),
            @ApiResponse(responseCode = "400", description = "validation_failed (before, after, around, limit)"),
            @ApiResponse(responseCode = "404", description = "room_not_found (also: private and not a member)")})
    @GetMapping("/api/rooms/{roomId}/messages")
    HistoryPage messages(@PathVariable UUID roomId,
                         @RequestParam(required = false) @PositiveOrZero Long before,
                         @RequestParam(required = false) @PositiveOrZero Long after,
                         @RequestParam(required = false) @PositiveOrZero Long around,
                         @RequestParam(required = false) @Positive Integer limit,
                         @CurrentUser UUID caller) {
        return history.page(roomId, caller, PagePosition.of(before, after, around), limit);
    }
}
