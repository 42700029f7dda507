package dev.parley.message.reactions;

import dev.parley.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ReactionController {

    private static final String PATH = "/api/rooms/{roomId}/messages/{seq}/reactions/{emoji}";

    private final MessageReactions reactions;

    ReactionController(MessageReactions reactions) {
        this.reactions = reactions;
    }

    @Operation(summary = "React to a message with an emoji sequence or a :shortcode: (URL-encoded); idempotent",
            responses = {
                    @ApiResponse(responseCode = "204", description = "the caller's reaction is there"),
                    @ApiResponse(responseCode = "400", description = "validation_failed (emoji)"),
                    @ApiResponse(responseCode = "403", description = "not_member"),
                    @ApiResponse(responseCode = "404", description = "room_not_found, message_not_found"),
                    @ApiResponse(responseCode = "409", description = "message_deleted, too_many_reactions (20 distinct emoji)")})
    @PutMapping(PATH)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void add(@PathVariable UUID roomId, @PathVariable long seq, @PathVariable String emoji, @CurrentUser UUID caller) {
        reactions.react(roomId, seq, emoji, caller, true);
    }

    @Operation(summary = "Take the caller's reaction back; idempotent",
            responses = {
                    @ApiResponse(responseCode = "204", description = "the caller's reaction is not there"),
                    @ApiResponse(responseCode = "400", description = "validation_failed (emoji)"),
                    @ApiResponse(responseCode = "403", description = "not_member"),
                    @ApiResponse(responseCode = "404", description = "room_not_found, message_not_found"),
                    @ApiResponse(responseCode = "409", description = "message_deleted")})
    @DeleteMapping(PATH)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable UUID roomId, @PathVariable long seq, @PathVariable String emoji,
                @CurrentUser UUID caller) {
        reactions.react(roomId, seq, emoji, caller, false);
    }
}
