package dev.parley.room.room;

import dev.parley.room.web.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/rooms")
class RoomController {

    /** Contract §2: larger limits are clamped, not refused. */
    private static final int MAX_LIMIT = 100;

    private final RoomService rooms;
    private final RoomCatalog catalog;

    RoomController(RoomService rooms, RoomCatalog catalog) {
        this.rooms = rooms;
        this.catalog = catalog;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    RoomResponse create(@CurrentUser UUID caller, @Valid @RequestBody CreateRoomRequest request) {
        return rooms.create(caller, request);
    }

    @GetMapping("/{id}")
    RoomResponse get(@CurrentUser UUID caller, @PathVariable UUID id) {
        return rooms.get(caller, id);
    }

    @GetMapping
    RoomPage list(@CurrentUser UUID caller,
                  @RequestParam(defaultValue = "joined") RoomScope scope,
                  @RequestParam(required = false) @Size(max = 100) String q,
                  @RequestParam(required = false) RoomCursor cursor,
                  @RequestParam(defaultValue = "50") @Min(1) int limit) {
        return catalog.list(caller, scope, q, cursor, Math.min(limit, MAX_LIMIT));
    }
}
