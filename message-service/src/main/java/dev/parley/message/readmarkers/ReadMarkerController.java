package dev.parley.message.readmarkers;

import dev.parley.platform.security.CurrentUser;
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
    @PutMapping("/api/rooms/{roomId}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void markRead(@PathVariable UUID roomId, @RequestBody ReadRequest request, @CurrentUser UUID caller) {
        readMarkers.markRead(roomId, caller, request);
    }

    @GetMapping("/api/me/unread")
    UnreadRoom.Page unread(@CurrentUser UUID caller) {
        return new UnreadRoom.Page(readMarkers.unread(caller));
    }
}
