package dev.parley.message.readmarkers;

import dev.parley.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ReadMarkerController {

    private final ReadMarkers readMarkers;

    ReadMarkerController(ReadMarkers readMarkers) {
        this.readMarkers = readMarkers;
    }

    /** 204: moved forward, clamped to the room's last seq, or — going backwards — ignored. */
    @Operation(summary = "Move the caller's read marker forward (members); clamped to the room's last seq", responses = {
            @ApiResponse(responseCode = "204", description = "moved, or ignored when it would go backwards"),
            @ApiResponse(responseCode = "400", description = "validation_failed (seq)"),
            @ApiResponse(responseCode = "403", description = "not_member"),
            @ApiResponse(responseCode = "404", description = "room_not_found"),
            @ApiResponse(responseCode = "503", description = "service_unavailable: not confirmed in time, may still "
                    + "move; retrying is safe")})
    @PutMapping("/api/rooms/{roomId}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void markRead(@PathVariable UUID roomId, @RequestBody ReadRequest request, @CurrentUser UUID caller) {
        readMarkers.markRead(roomId, caller, request);
    }

    @Operation(summary = "The caller's unread counts, per room they are a member of", responses = {
            @ApiResponse(responseCode = "200", description = "{items: [{roomId, lastSeq, readSeq, unread, mentions}]}")})
    @GetMapping("/api/me/unread")
    UnreadRoom.Page unread(@CurrentUser UUID caller) {
        return new UnreadRoom.Page(readMarkers.unread(caller));
    }
}
