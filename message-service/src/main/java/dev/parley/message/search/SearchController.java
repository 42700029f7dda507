package dev.parley.message.search;

import dev.parley.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Positive;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SearchController {

    private final MessageSearch search;

    SearchController(MessageSearch search) {
        this.search = search;
    }

    @Operation(summary = "Messages with every word of q (case- and accent-insensitive), newest first, in the rooms "
            + "the caller can read now; each with its body highlighted (matches between U+0002 and U+0003)",
            responses = {
                    @ApiResponse(responseCode = "200", description = "{items, nextCursor}; limit defaults to 50, clamped to 100"),
                    @ApiResponse(responseCode = "400", description = "validation_failed (q: 1-200 code points, limit, cursor)"),
                    @ApiResponse(responseCode = "404", description = "room_not_found (roomId given and not readable)"),
                    @ApiResponse(responseCode = "503", description = "service_unavailable: the search ran past its "
                            + "statement timeout (5 s); search one room or add words")})
    @GetMapping("/api/search/messages")
    SearchPage messages(@RequestParam String q,
                        @RequestParam(required = false) UUID roomId,
                        @RequestParam(required = false) @Positive Integer limit,
                        @RequestParam(required = false) String cursor,
                        @CurrentUser UUID caller) {
        return search.search(caller, q, roomId, limit, cursor);
    }
}
