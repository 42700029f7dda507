package dev.parley.gateway.ws.membership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.Topic;
import dev.parley.events.message.MessagePosted;
import dev.parley.events.message.Origin;
import dev.parley.events.room.MemberJoined;
import dev.parley.events.room.MemberLeft;
import dev.parley.events.room.MemberRoleChanged;
import dev.parley.events.room.RoomDeleted;
import dev.parley.events.room.RoomUpdated;
import dev.parley.events.room.UserBanned;
import dev.parley.gateway.ws.support.GatewayIntegrationTest;
import dev.parley.gateway.ws.support.MessagePipelineStandIn;
import dev.parley.gateway.ws.support.WsTestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Room events reaching subscribers, and membership as the gateway keeps it from them. */
class MembershipTests extends GatewayIntegrationTest {

    private final MessagePipelineStandIn events = new MessagePipelineStandIn(Topic.ROOM_EVENTS);
    private final UUID owner = UUID.randomUUID();
    private final UUID member = UUID.randomUUID();

    @AfterEach
    void closeEvents() {
        events.close();
    }

    @Test
    void aKickedMemberGetsMemberLeftAndTheirSubscriptionEnds() {
        UUID room = publicRoom(0, owner, member);
        WsTestClient ownerClient = subscribed(owner, room);
        WsTestClient memberClient = subscribed(member, room);

        // contract §3 promises member_left and the end of the subscription, in no given time
        events.publish(new MemberLeft(room, member, "kicked", Instant.now()));
        for (WsTestClient client : new WsTestClient[] {memberClient, ownerClient}) {
            JsonNode left = client.await("member_left");
            assertThat(left.path("roomId").asString()).isEqualTo(room.toString());
            assertThat(left.path("userId").asString()).isEqualTo(member.toString());
            assertThat(left.path("reason").asString()).isEqualTo("kicked");
        }

        events.publish(posted(room, 1));
        assertThat(ownerClient.await("message").path("seq").asLong()).isEqualTo(1);
        memberClient.expectNo("message", Duration.ofMillis(500));
        // and what the kicked member may do is decided here, without asking room-service
        int calls = roomService.calls();
        assertThat(memberClient.send("{\"type\":\"typing\",\"roomId\":\"" + room + "\"}").await("error")
                .path("code").asString()).isEqualTo("not_member");
        assertThat(roomService.calls()).isEqualTo(calls);
    }

    @Test
    void aBannedMemberOfAPublicRoomAlsoStopsReceiving() {
        UUID room = publicRoom(0, owner, member);
        WsTestClient memberClient = subscribed(member, room);
        events.publish(new MemberLeft(room, member, "banned", Instant.now()));
        assertThat(memberClient.await("member_left").path("reason").asString()).isEqualTo("banned");
        events.publish(posted(room, 1));
        memberClient.expectNo("message", Duration.ofMillis(500));
    }

    @Test
    void aMemberWhoLeavesAPublicRoomKeepsReadingItAsAnyUserMay() {
        UUID room = publicRoom(0, owner, member);
        WsTestClient memberClient = subscribed(member, room);
        events.publish(new MemberLeft(room, member, "left", Instant.now()));
        assertThat(memberClient.await("member_left").path("reason").asString()).isEqualTo("left");
        events.publish(posted(room, 1));
        assertThat(memberClient.await("message").path("seq").asLong()).isEqualTo(1);
        assertThat(memberClient.send("{\"type\":\"read\",\"roomId\":\"" + room + "\",\"seq\":1}").await("error")
                .path("code").asString()).isEqualTo("not_member");
    }

    @Test
    void aMemberWhoLeavesAPrivateRoomStopsReceivingAndItNoLongerExistsForThem() {
        UUID room = privateRoom(owner, member);
        WsTestClient ownerClient = subscribed(owner, room);
        WsTestClient memberClient = subscribed(member, room);
        events.publish(new MemberLeft(room, member, "left", Instant.now()));
        assertThat(memberClient.await("member_left").path("userId").asString()).isEqualTo(member.toString());
        assertThat(ownerClient.await("member_left").path("userId").asString()).isEqualTo(member.toString());
        events.publish(posted(room, 1));
        ownerClient.await("message");
        memberClient.expectNo("message", Duration.ofMillis(500));
        assertThat(memberClient.send("{\"type\":\"typing\",\"roomId\":\"" + room + "\"}").await("error")
                .path("code").asString()).isEqualTo("room_not_found");
    }

    @Test
    void aNewMemberIsAnnouncedAndMayTypeAtOnce() {
        UUID room = publicRoom(0, owner);
        UUID newcomer = UUID.randomUUID();
        WsTestClient ownerClient = subscribed(owner, room);
        WsTestClient newcomerClient = subscribed(newcomer, room); // reading, not yet a member
        assertThat(newcomerClient.send("{\"type\":\"typing\",\"roomId\":\"" + room + "\"}").await("error")
                .path("code").asString()).isEqualTo("not_member");

        roomService.setRole(room, newcomer, "member");
        events.publish(new MemberJoined(room, newcomer, "member", Instant.now()));
        for (WsTestClient client : new WsTestClient[] {ownerClient, newcomerClient}) {
            JsonNode joined = client.await("member_joined");
            assertThat(joined.path("roomId").asString()).isEqualTo(room.toString());
            assertThat(joined.path("userId").asString()).isEqualTo(newcomer.toString());
            assertThat(joined.path("role").asString()).isEqualTo("member");
        }
        newcomerClient.send("{\"type\":\"typing\",\"roomId\":\"" + room + "\"}");
        assertThat(ownerClient.await("typing").path("userId").asString()).isEqualTo(newcomer.toString());
        events.publish(new MemberRoleChanged(room, newcomer, "admin"));
        newcomerClient.expectNo("error", Duration.ofMillis(300));
    }

    @Test
    void roomUpdatesArePushedWithTheWholeRoom() {
        UUID room = publicRoom(0, owner);
        WsTestClient ownerClient = subscribed(owner, room);
        events.publish(new RoomUpdated(room, "group", "New name", "New topic", "public", owner, 2,
                Instant.parse("2025-05-01T00:00:00Z"), Instant.parse("2025-06-01T00:00:00Z")));
        JsonNode updated = ownerClient.await("room_updated");
        assertThat(updated.path("roomId").asString()).isEqualTo(room.toString());
        JsonNode whole = updated.path("room");
        assertThat(whole.path("id").asString()).isEqualTo(room.toString());
        assertThat(whole.path("kind").asString()).isEqualTo("group");
        assertThat(whole.path("name").asString()).isEqualTo("New name");
        assertThat(whole.path("topic").asString()).isEqualTo("New topic");
        assertThat(whole.path("visibility").asString()).isEqualTo("public");
        assertThat(whole.path("ownerId").asString()).isEqualTo(owner.toString());
        assertThat(whole.path("memberCount").asInt()).isEqualTo(2);
        assertThat(whole.path("createdAt").asString()).isEqualTo("2025-05-01T00:00:00Z");
        assertThat(whole.path("updatedAt").asString()).isEqualTo("2025-06-01T00:00:00Z");
        assertThat(whole.has("myRole")).as("per viewer, not pushed").isFalse();
    }

    @Test
    void aBannedUserCannotSubscribeToAPublicRoomWhichStaysPublicForEveryoneElse() {
        UUID room = publicRoom(0, owner);
        UUID reader = UUID.randomUUID();
        UUID banned = UUID.randomUUID();
        WsTestClient readerClient = subscribed(reader, room);
        roomService.ban(room, banned);

        JsonNode refused = connectReady(banned).send(subscribe(room)).next("error");

        assertThat(refused.path("code").asString()).isEqualTo("room_not_found");
        // the refusal is the banned user's alone: a reader is still a non-member of a public room
        assertThat(readerClient.send("{\"type\":\"typing\",\"roomId\":\"" + room + "\"}").await("error")
                .path("code").asString()).isEqualTo("not_member");
        events.publish(posted(room, 1));
        assertThat(readerClient.await("message").path("seq").asLong()).isEqualTo(1);
    }

    @Test
    void aReaderBannedFromAPublicRoomGetsMemberLeftAloneAndStopsReceiving() {
        UUID room = publicRoom(0, owner);
        UUID reader = UUID.randomUUID();
        WsTestClient ownerClient = subscribed(owner, room);
        WsTestClient readerClient = subscribed(reader, room);

        events.publish(new UserBanned(room, reader, Instant.now()));

        JsonNode left = readerClient.await("member_left");
        assertThat(left.path("userId").asString()).isEqualTo(reader.toString());
        assertThat(left.path("reason").asString()).isEqualTo("banned");
        events.publish(posted(room, 1));
        assertThat(ownerClient.await("message").path("seq").asLong()).isEqualTo(1);
        readerClient.expectNo("message", Duration.ofMillis(500));
        ownerClient.expectNo("member_left", Duration.ofMillis(100));
        assertThat(readerClient.send("{\"type\":\"typing\",\"roomId\":\"" + room + "\"}").await("error")
                .path("code").asString()).isEqualTo("room_not_found");
    }

    @Test
    void aRoomTurnedPrivateEndsTheSubscriptionsOfNonMembers() {
        UUID room = publicRoom(0, owner);
        WsTestClient ownerClient = subscribed(owner, room);
        WsTestClient readerClient = subscribed(UUID.randomUUID(), room);
        events.publish(new RoomUpdated(room, "Secret", null, "private", Instant.now()));
        assertThat(ownerClient.await("room_updated").path("room").path("visibility").asString()).isEqualTo("private");
        assertThat(readerClient.await("room_updated").path("room").has("topic")).isTrue();
        events.publish(posted(room, 1));
        ownerClient.await("message");
        readerClient.expectNo("message", Duration.ofMillis(500));
    }

    @Test
    void aDeletedRoomIsAnnouncedAndEveryoneStopsReceiving() {
        UUID room = publicRoom(0, owner, member);
        WsTestClient ownerClient = subscribed(owner, room);
        WsTestClient memberClient = subscribed(member, room);
        events.publish(new RoomDeleted(room, Instant.now()));
        for (WsTestClient client : new WsTestClient[] {ownerClient, memberClient}) {
            JsonNode deleted = client.await("room_deleted");
            assertThat(deleted.path("roomId").asString()).isEqualTo(room.toString());
            assertThat(deleted.size()).isEqualTo(2);
        }
        events.publish(posted(room, 1));
        ownerClient.expectNo("message", Duration.ofMillis(500));
        memberClient.expectNo("message", Duration.ofMillis(100));
        assertThat(ownerClient.send("{\"type\":\"read\",\"roomId\":\"" + room + "\",\"seq\":1}").await("error")
                .path("code").asString()).isEqualTo("room_not_found");
    }

    private WsTestClient subscribed(UUID user, UUID room) {
        WsTestClient client = connectReady(user);
        client.send(subscribe(room)).next("subscribed");
        return client;
    }

    private static MessagePosted posted(UUID room, long seq) {
        return new MessagePosted(room, seq, UUID.randomUUID(), UUID.randomUUID(), "c-" + seq, "body " + seq,
                Instant.now(), UUID.randomUUID(), new Origin("gw-elsewhere", "s"));
    }
}
