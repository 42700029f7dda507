package dev.parley.room.room;

import dev.parley.platform.security.CurrentUser;
import dev.parley.platform.web.PageLimits;
import dev.parley.room.web.Page;
import dev.parley.room.web.PageCursor;
import dev.parley.room.web.Text;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
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

    private final RoomService service;
    private final Rooms rooms;
    private final RoomCatalog catalog;

    RoomController(RoomService service, Rooms rooms, RoomCatalog catalog) {
        this.service = service;
        this.rooms = rooms;
        this.catalog = catalog;
    }

    @Operation(summary = "Create a group room; the caller becomes its owner", responses = {
            @ApiResponse(responseCode = "201", description = "the Room"),
            @ApiResponse(responseCode = "400", description = "validation_failed")})
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    RoomResponse create(@CurrentUser UUID caller, @Valid @RequestBody CreateRoomRequest request) {
        return service.create(caller, request);
    }

    @Operation(summary = "A room; myRole when the caller is a member", responses = {
            @ApiResponse(responseCode = "200", description = "the Room"),
            @ApiResponse(responseCode = "404", description = "room_not_found (also: private and not a member)")})
    @GetMapping("/{id}")
    RoomResponse get(@CurrentUser UUID caller, @PathVariable UUID id) {
        return rooms.view(caller, id);
    }

    @Operation(summary = "Change name, topic or visibility (owner, admin); absent fields stay, a null topic is removed",
            responses = {
                    @ApiResponse(responseCode = "200", description = "the Room"),
                    @ApiResponse(responseCode = "400", description = "validation_failed"),
                    @ApiResponse(responseCode = "403", description = "forbidden (also: direct rooms)"),
                    @ApiResponse(responseCode = "404", description = "room_not_found")})
    @PatchMapping("/{id}")
    RoomResponse update(@CurrentUser UUID caller, @PathVariable UUID id, @Valid @RequestBody UpdateRoomRequest request) {
        return service.update(caller, id, request);
    }

    @Operation(summary = "Delete a room (owner)", responses = {
            @ApiResponse(responseCode = "204", description = "deleted"),
            @ApiResponse(responseCode = "403", description = "forbidden (also: direct rooms)"),
            @ApiResponse(responseCode = "404", description = "room_not_found")})
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@CurrentUser UUID caller, @PathVariable UUID id) {
        service.delete(caller, id);
    }

    @Operation(summary = "The caller's rooms (joined, the default) or the public ones, by name prefix q, oldest first",
            responses = {
                    @ApiResponse(responseCode = "200", description = "{items, nextCursor}; limit defaults to 50, clamped to 100"),
                    @ApiResponse(responseCode = "400", description = "validation_failed (scope, limit, cursor)")})
    @GetMapping
    Page<RoomResponse> list(@CurrentUser UUID caller,
                            @RequestParam(defaultValue = "joined") RoomScope scope,
                            @RequestParam(required = false) @Text(max = 100) String q,
                            @RequestParam(required = false) PageCursor cursor,
                            @RequestParam(defaultValue = PageLimits.DEFAULT_LIMIT) @Min(1) int limit) {
        return catalog.list(caller, scope, q, cursor, PageLimits.clamp(limit));
    }
}
