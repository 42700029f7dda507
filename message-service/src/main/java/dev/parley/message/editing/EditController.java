package dev.parley.message.editing;

import dev.parley.message.sending.MessageView;
import dev.parley.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class EditController {

    private final MessageEditing editing;

    EditController(MessageEditing editing) {
        this.editing = editing;
    }

    @Operation(summary = "Edit a message's body (its sender, while a member)", responses = {
            @ApiResponse(responseCode = "200", description = "the edited Message"),
            @ApiResponse(responseCode = "400", description = "validation_failed (body)"),
            @ApiResponse(responseCode = "403", description = "forbidden (not the sender, or no longer a member)"),
            @ApiResponse(responseCode = "404", description = "room_not_found, message_not_found"),
            @ApiResponse(responseCode = "409", description = "message_deleted"),
            @ApiResponse(responseCode = "503", description = "service_unavailable: not confirmed in time, may still "
                    + "apply; retrying is safe")})
    @PatchMapping("/api/rooms/{roomId}/messages/{seq}")
    MessageView edit(@PathVariable UUID roomId, @PathVariable long seq, @RequestBody EditRequest request,
                     @CurrentUser UUID caller) {
        return editing.edit(roomId, seq, caller, request);
    }

    @Operation(summary = "Delete a message (its sender while a member, or the room's owner or an admin), leaving a "
            + "tombstone; deleting a tombstone again changes nothing", responses = {
            @ApiResponse(responseCode = "204", description = "deleted"),
            @ApiResponse(responseCode = "403", description = "forbidden"),
            @ApiResponse(responseCode = "404", description = "room_not_found, message_not_found"),
            @ApiResponse(responseCode = "503", description = "service_unavailable: not confirmed in time, may still "
                    + "apply; retrying is safe")})
    @DeleteMapping("/api/rooms/{roomId}/messages/{seq}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID roomId, @PathVariable long seq, @CurrentUser UUID caller) {
        editing.delete(roomId, seq, caller);
    }
}
