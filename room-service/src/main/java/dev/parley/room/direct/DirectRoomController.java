package dev.parley.room.direct;

import dev.parley.platform.security.Caller;
import dev.parley.platform.security.CurrentUser;
import dev.parley.room.room.RoomResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class DirectRoomController {

    private final DirectRooms directRooms;

    DirectRoomController(DirectRooms directRooms) {
        this.directRooms = directRooms;
    }

    /** 201 with the new direct room, 200 with the pair's existing one. */
    @Operation(summary = "The direct room of the caller and another user: one per pair", responses = {
            @ApiResponse(responseCode = "201", description = "the new Room (kind direct)"),
            @ApiResponse(responseCode = "200", description = "the pair's existing Room"),
            @ApiResponse(responseCode = "400", description = "validation_failed (also: oneself)"),
            @ApiResponse(responseCode = "404", description = "user_not_found")})
    @PostMapping("/api/rooms/direct")
    ResponseEntity<RoomResponse> open(@CurrentUser Caller caller, @Valid @RequestBody DirectRoomRequest request) {
        DirectRooms.Opened opened = directRooms.open(caller, request.userId());
        return ResponseEntity.status(opened.created() ? HttpStatus.CREATED : HttpStatus.OK).body(opened.room());
    }
}
