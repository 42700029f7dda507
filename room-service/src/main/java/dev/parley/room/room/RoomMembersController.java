package dev.parley.room.room;

import dev.parley.room.membership.Member;
import dev.parley.room.web.CurrentUser;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/rooms/{id}/members")
class RoomMembersController {

    private final RoomMembershipService membership;

    RoomMembersController(RoomMembershipService membership) {
        this.membership = membership;
    }

    /** 201 with the new member; 200 with the existing one when they already belong (idempotent join). */
    @PostMapping
    ResponseEntity<Member> join(@CurrentUser UUID caller, @PathVariable UUID id,
                                @RequestBody(required = false) JoinRequest request) {
        UUID userId = request == null || request.userId() == null ? caller : request.userId();
        RoomMembershipService.Joined joined = membership.join(caller, id, userId);
        return ResponseEntity.status(joined.added() ? HttpStatus.CREATED : HttpStatus.OK).body(joined.member());
    }
}
