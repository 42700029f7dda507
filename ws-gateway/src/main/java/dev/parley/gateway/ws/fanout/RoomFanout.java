package dev.parley.gateway.ws.fanout;

import dev.parley.events.room.LeaveReason;
import dev.parley.events.room.MemberJoined;
import dev.parley.events.room.MemberLeft;
import dev.parley.events.room.MemberRoleChanged;
import dev.parley.events.room.RoomCreated;
import dev.parley.events.room.RoomDeleted;
import dev.parley.events.room.RoomEvent;
import dev.parley.events.room.RoomUpdated;
import dev.parley.events.room.UserBanned;
import dev.parley.events.room.UserUnbanned;
import dev.parley.gateway.ws.membership.RoomMemberships;
import dev.parley.gateway.ws.presence.PresenceRoster;
import dev.parley.gateway.ws.protocol.FrameWriter;
import dev.parley.gateway.ws.protocol.OutboundFrame;
import dev.parley.gateway.ws.protocol.ServerFrame;
import dev.parley.gateway.ws.subscription.RoomSubscriptions;
import dev.parley.gateway.ws.subscription.Subscription;
import java.util.Collection;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;

/**
 * Room events, in the room's order: first they update what this instance knows about membership
 * (and the cluster's presence roster), then they reach the room's local subscribers —
 * {@code member_joined}, {@code member_left}, {@code room_updated}, {@code room_deleted}.
 *
 * <p>Subscriptions end when the user may no longer read the room, right after the push that says
 * why: a member who left a private room, a member kicked or banned from any room (contract: "gets
 * member_left on their own open subscriptions, which then end"), everyone when the room is deleted,
 * and non-members when a public room turns private. A member who leaves a public room of their own
 * accord keeps reading it, as any user may. A non-member reading a public room who is banned gets
 * {@code member_left} (reason {@code banned}) on their own subscriptions only, which then end: a banned
 * user cannot read the room (contract §7); nobody else is told, as they were not a member.
 */
@Service
class RoomFanout {

    private final RoomMemberships memberships;
    private final PresenceRoster roster;
    private final RoomSubscriptions subscriptions;
    private final FrameWriter writer;

    RoomFanout(RoomMemberships memberships, PresenceRoster roster, RoomSubscriptions subscriptions,
               FrameWriter writer) {
        this.memberships = memberships;
        this.roster = roster;
        this.subscriptions = subscriptions;
        this.writer = writer;
    }

    void dispatch(RoomEvent event) {
        memberships.apply(event);
        switch (event) {
            case MemberJoined joined -> {
                roster.member(joined.roomId(), joined.userId());
                toRoom(joined.roomId(), ServerFrame.MemberJoinedPush.of(joined));
            }
            case MemberRoleChanged changed -> roster.member(changed.roomId(), changed.userId());
            case MemberLeft left -> memberLeft(left);
            case RoomUpdated updated -> roomUpdated(updated);
            case RoomDeleted deleted -> {
                roster.roomDeleted(deleted.roomId());
                endWhere(deleted.roomId(), writer.write(new ServerFrame.RoomDeletedPush(deleted.roomId())),
                        subscription -> true);
            }
            case UserBanned banned -> userBanned(banned);
            case UserUnbanned unbanned -> {
                // the user may read and join again; nothing to push
            }
            case RoomCreated created -> {
                // nobody can follow a room before it exists; its owner's MemberJoined follows
            }
        }
    }

    private void memberLeft(MemberLeft left) {
        roster.notMember(left.roomId(), left.userId());
        boolean mayStillRead = !removedByOthers(left) && memberships.isPublic(left.roomId());
        OutboundFrame push = writer.write(ServerFrame.MemberLeftPush.of(left));
        if (mayStillRead) {
            subscriptions.of(left.roomId()).forEach(subscription -> subscription.deliver(push));
        } else {
            endWhere(left.roomId(), push, subscription -> left.userId().equals(userOf(subscription)));
        }
    }

    /** Kicked or banned: taken out by someone else. A reason this version does not know is neither. */
    private static boolean removedByOthers(MemberLeft left) {
        return LeaveReason.KICKED.wireName().equals(left.reason()) || LeaveReason.BANNED.wireName().equals(left.reason());
    }

    private void roomUpdated(RoomUpdated updated) {
        OutboundFrame push = writer.write(ServerFrame.RoomUpdatedPush.of(updated));
        if ("private".equals(updated.visibility())) {
            endWhere(updated.roomId(), push, subscription -> memberships.known(updated.roomId(), userOf(subscription))
                    .map(access -> !access.isMember()).orElse(false));
        } else {
            subscriptions.of(updated.roomId()).forEach(subscription -> subscription.deliver(push));
        }
    }

    /** A member's subscriptions ended with their MemberLeft already; this ends a reader's. */
    private void userBanned(UserBanned banned) {
        OutboundFrame push = null;
        for (Subscription subscription : subscriptions.of(banned.roomId())) {
            if (banned.userId().equals(userOf(subscription))) {
                if (push == null) {
                    push = writer.write(new ServerFrame.MemberLeftPush(banned.roomId(), banned.userId(),
                            LeaveReason.BANNED.wireName()));
                }
                subscription.end(push);
                subscriptions.remove(subscription);
            }
        }
    }

    /** Pushes to every subscriber of the room; those matching {@code ending} then end. */
    private void endWhere(UUID roomId, OutboundFrame push, Predicate<Subscription> ending) {
        for (Subscription subscription : subscriptions.of(roomId)) {
            if (ending.test(subscription)) {
                subscription.end(push);
                subscriptions.remove(subscription);
            } else {
                subscription.deliver(push);
            }
        }
    }

    private void toRoom(UUID roomId, ServerFrame frame) {
        Collection<Subscription> followers = subscriptions.of(roomId);
        if (!followers.isEmpty()) {
            OutboundFrame push = writer.write(frame);
            followers.forEach(subscription -> subscription.deliver(push));
        }
    }

    private static UUID userOf(Subscription subscription) {
        return subscription.session().user().userId();
    }
}
