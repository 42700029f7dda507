package dev.parley.message.history;

import dev.parley.platform.security.CurrentUser;
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

    @GetMapping("/api/rooms/{roomId}/messages")
    MessagePage messages(@PathVariable UUID roomId,
                         @RequestParam(required = false) @PositiveOrZero Long before,
                         @RequestParam(required = false) @PositiveOrZero Long after,
                         @RequestParam(required = false) @PositiveOrZero Long around,
                         @RequestParam(required = false) @Positive Integer limit,
                         @CurrentUser UUID caller) {
        return history.page(roomId, caller, PagePosition.of(before, after, around), limit);
    }
}
