package dev.parley.room.roster;

import dev.parley.platform.security.CurrentUser;
import dev.parley.platform.web.PageLimits;
import dev.parley.room.membership.Member;
import dev.parley.room.web.Page;
import dev.parley.room.web.PageCursor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/rooms/{id}/members")
class RosterController {

    private final MemberAdmission admission;
    private final MemberRemoval removal;
    private final RoleChange roles;
    private final MemberListing listing;

    RosterController(MemberAdmission admission, MemberRemoval removal, RoleChange roles, MemberListing listing) {
        this.admission = admission;
        this.removal = removal;
        this.roles = roles;
        this.listing = listing;
    }

    @Operation(summary = "Members, earliest joined first (members; anyone for a public room)", responses = {
            @ApiResponse(responseCode = "200", description = "{items, nextCursor}; limit defaults to 50, clamped to 100"),
            @ApiResponse(responseCode = "400", description = "validation_failed (limit, cursor)"),
            @ApiResponse(responseCode = "404", description = "room_not_found")})
    @GetMapping
    Page<Member> list(@CurrentUser UUID caller, @PathVariable UUID id,
                      @RequestParam(required = false) PageCursor cursor,
                      @RequestParam(defaultValue = PageLimits.DEFAULT_LIMIT) @Min(1) int limit) {
        return listing.list(caller, id, cursor, PageLimits.clamp(limit));
    }

    /** 201 with the new member; 200 with the existing one when they already belong (idempotent join). */
    @Operation(summary = "Join a public room (no userId, or the caller's), or add someone (owner, admin)", responses = {
            @ApiResponse(responseCode = "201", description = "the new Member"),
            @ApiResponse(responseCode = "200", description = "already a member: the existing Member"),
            @ApiResponse(responseCode = "400", description = "validation_failed"),
            @ApiResponse(responseCode = "403", description = "banned, or forbidden (adding others without the role; direct rooms)"),
            @ApiResponse(responseCode = "404", description = "room_not_found, user_not_found")})
    @PostMapping
    ResponseEntity<Member> join(@CurrentUser UUID caller, @PathVariable UUID id,
                                @RequestBody(required = false) JoinRequest request) {
        UUID userId = request == null || request.userId() == null ? caller : request.userId();
        MemberAdmission.Joined joined = admission.join(caller, id, userId);
        return ResponseEntity.status(joined.added() ? HttpStatus.CREATED : HttpStatus.OK).body(joined.member());
    }

    /** Leave (the caller's own id) or kick. */
    @Operation(summary = "Leave (the caller's own id) or kick (owner: admins and members; admin: members)", responses = {
            @ApiResponse(responseCode = "204", description = "removed: MemberLeft left or kicked"),
            @ApiResponse(responseCode = "403", description = "forbidden (also: direct rooms)"),
            @ApiResponse(responseCode = "404", description = "room_not_found, member_not_found"),
            @ApiResponse(responseCode = "409", description = "owner_cannot_leave: hand the room over first")})
    @DeleteMapping("/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@CurrentUser UUID caller, @PathVariable UUID id, @PathVariable UUID userId) {
        removal.remove(caller, id, userId);
    }

    @Operation(summary = "Set a member's role (owner); \"owner\" hands the room over, the caller becomes admin",
            responses = {
                    @ApiResponse(responseCode = "200", description = "the Member"),
                    @ApiResponse(responseCode = "400", description = "validation_failed"),
                    @ApiResponse(responseCode = "403", description = "forbidden (also: direct rooms)"),
                    @ApiResponse(responseCode = "404", description = "room_not_found, member_not_found"),
                    @ApiResponse(responseCode = "409", description = "owner_cannot_leave: the owner stepping down")})
    @PutMapping("/{userId}/role")
    Member changeRole(@CurrentUser UUID caller, @PathVariable UUID id, @PathVariable UUID userId,
                      @Valid @RequestBody RoleRequest request) {
        return roles.change(caller, id, userId, request.value());
    }
}
