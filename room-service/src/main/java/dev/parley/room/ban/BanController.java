package dev.parley.room.ban;

import dev.parley.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/rooms/{id}/bans")
class BanController {

    private final BanService bans;

    BanController(BanService bans) {
        this.bans = bans;
    }

    @Operation(summary = "Ban a user (owner, admin): removes the member, blocks re-joining", responses = {
            @ApiResponse(responseCode = "204", description = "banned: MemberLeft banned if they were a member"),
            @ApiResponse(responseCode = "400", description = "validation_failed"),
            @ApiResponse(responseCode = "403", description = "forbidden (also: the owner, admins by an admin, direct rooms)"),
            @ApiResponse(responseCode = "404", description = "room_not_found; user_not_found (no such user)"),
            @ApiResponse(responseCode = "409", description = "too_many_bans (the room holds the most bans it may)")})
    @PostMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void ban(@CurrentUser UUID caller, @PathVariable UUID id, @Valid @RequestBody BanRequest request) {
        bans.ban(caller, id, request);
    }

    @Operation(summary = "Lift a ban (owner, admin); no error when there is none", responses = {
            @ApiResponse(responseCode = "204", description = "not banned (any more)"),
            @ApiResponse(responseCode = "403", description = "forbidden"),
            @ApiResponse(responseCode = "404", description = "room_not_found")})
    @DeleteMapping("/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unban(@CurrentUser UUID caller, @PathVariable UUID id, @PathVariable UUID userId) {
        bans.unban(caller, id, userId);
    }
}
