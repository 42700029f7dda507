package dev.parley.gateway.ws.presence;

import dev.parley.events.ErrorCode;
import dev.parley.gateway.ws.membership.RoomDirectory;
import dev.parley.platform.web.ApiException;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/rooms/{id}/presence} → {@code {online:[userId]}}: the room's known members that are
 * online now, from the same Redis data the presence pushes come from. Access is room-service's to
 * decide, exactly as for {@code subscribe}: whoever may read the room may see who is online in it.
 */
@RestController
class PresenceController {

    private static final Logger log = LoggerFactory.getLogger(PresenceController.class);

    private final RoomDirectory rooms;
    private final PresenceStore store;

    PresenceController(RoomDirectory rooms, PresenceStore store) {
        this.rooms = rooms;
        this.store = store;
    }

    record OnlineMembers(List<UUID> online) {
    }

    @GetMapping("/api/rooms/{roomId}/presence")
    OnlineMembers online(@PathVariable UUID roomId, @AuthenticationPrincipal Jwt caller) {
        try {
            rooms.room(roomId, caller.getTokenValue());
        } catch (RoomDirectory.RoomNotFoundException e) {
            throw new ApiException(HttpStatus.NOT_FOUND, ErrorCode.ROOM_NOT_FOUND.wireName(), "No such room.");
        } catch (RoomDirectory.TokenRefusedException e) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, ErrorCode.UNAUTHORIZED.wireName(),
                    "A valid bearer access token is required.");
        } catch (RoomDirectory.LookupFailedException e) {
            log.warn("Could not check access to room {}: {}", roomId, e.toString());
            throw ApiException.unavailable("Try again later.");
        }
        try {
            return new OnlineMembers(store.onlineMembers(roomId));
        } catch (RuntimeException e) {
            log.warn("Could not read the presence of room {}: {}", roomId, e.toString());
            throw ApiException.unavailable("Presence is unavailable.");
        }
    }
}
