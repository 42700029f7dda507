package dev.parley.message.readmarkers;

import dev.parley.message.web.Callers;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
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
    void markRead(@PathVariable UUID roomId, @RequestBody ReadRequest request, @AuthenticationPrincipal Jwt caller) {
        readMarkers.markRead(roomId, Callers.userId(caller), request);
    }

    @GetMapping("/api/me/unread")
    UnreadRoom.Page unread(@AuthenticationPrincipal Jwt caller) {
        return new UnreadRoom.Page(readMarkers.unread(Callers.userId(caller)));
    }
}
