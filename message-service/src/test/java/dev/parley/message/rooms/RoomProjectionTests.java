package dev.parley.message.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.Topic;
import dev.parley.events.room.MemberJoined;
import dev.parley.events.room.MemberLeft;
import dev.parley.events.room.MemberRoleChanged;
import dev.parley.events.room.RoomCreated;
import dev.parley.events.room.RoomDeleted;
import dev.parley.events.room.RoomEvent;
import dev.parley.events.room.RoomUpdated;
import dev.parley.events.room.UserBanned;
import dev.parley.events.room.UserUnbanned;
import dev.parley.message.IntegrationTestSupport;
import dev.parley.message.jdbc.RoundTrip;
import dev.parley.message.rooms.RoomAccess.Level;
import dev.parley.platform.kafka.ConsumerGroupCatchUp;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The projection of room-service's events, through the real topic and listener. */
class RoomProjectionTests extends IntegrationTestSupport {

    private static final String MEMBERS = "select count(*) from room_members where room_id = ?";
    private static final String BANS = "select count(*) from room_bans where room_id = ?";

    @Autowired
    RoomAccess access;

    @Autowired
    ConsumerGroupCatchUp catchUp;

    @Autowired
    JdbcTemplate jdbc;

    private final UUID roomId = UUID.randomUUID();
    private final UUID owner = UUID.randomUUID();
    private final UUID member = UUID.randomUUID();
    private final UUID stranger = UUID.randomUUID();

    @Test
    void membersMaySendAndAnyoneMayReadAPublicRoom() {
        kafka.createRoom(roomId, "public", owner);
        kafka.join(roomId, member);
        caughtUp();

        assertThat(levelOf(owner)).isEqualTo(Level.MODERATE);
        assertThat(levelOf(member)).isEqualTo(Level.SEND);
        assertThat(levelOf(stranger)).isEqualTo(Level.READ);
        assertThat(access.canRead(roomId, stranger)).isTrue();
        assertThat(access.canSend(roomId, stranger)).isFalse();
    }

    @Test
    void aPrivateRoomIsInvisibleToNonMembers() {
        kafka.createRoom(roomId, "private", owner);
        caughtUp();

        assertThat(levelOf(owner)).isEqualTo(Level.MODERATE);
        assertThat(levelOf(stranger)).isEqualTo(Level.NONE);
        assertThat(access.canRead(roomId, stranger)).isFalse();
    }

    @Test
    void leavingRevokesMembershipAndRejoiningRestoresIt() {
        kafka.createRoom(roomId, "private", owner);
        kafka.join(roomId, member);
        kafka.publish(Topic.ROOM_EVENTS, new MemberLeft(roomId, member, "kicked", Instant.now()));
        caughtUp();
        assertThat(levelOf(member)).isEqualTo(Level.NONE);

        kafka.join(roomId, member);
        caughtUp();
        assertThat(levelOf(member)).isEqualTo(Level.SEND);
    }

    @Test
    void aBannedUserCannotReadEvenAPublicRoomUntilTheBanIsLifted() {
        kafka.createRoom(roomId, "public", owner);
        kafka.join(roomId, member);
        kafka.publish(Topic.ROOM_EVENTS, new MemberLeft(roomId, member, "banned", Instant.now()));
        kafka.publish(Topic.ROOM_EVENTS, new UserBanned(roomId, member, Instant.now()));
        kafka.publish(Topic.ROOM_EVENTS, new UserBanned(roomId, stranger, Instant.now())); // in advance
        caughtUp();
        assertThat(levelOf(member)).isEqualTo(Level.NONE);
        assertThat(levelOf(stranger)).isEqualTo(Level.NONE);
        assertThat(levels(new RoomUser(roomId, stranger), new RoomUser(roomId, owner)))
                .containsEntry(new RoomUser(roomId, stranger), Level.NONE)
                .containsEntry(new RoomUser(roomId, owner), Level.MODERATE);

        kafka.publish(Topic.ROOM_EVENTS, new UserUnbanned(roomId, stranger, Instant.now()));
        caughtUp();
        assertThat(levelOf(stranger)).isEqualTo(Level.READ);
        assertThat(levelOf(member)).isEqualTo(Level.NONE);
    }

    @Test
    void ownersAndAdminsModerateAndARoleChangeTakesEffect() {
        kafka.createRoom(roomId, "private", owner);
        kafka.join(roomId, member, "admin");
        caughtUp();
        assertThat(levelOf(owner)).isEqualTo(Level.MODERATE);
        assertThat(levelOf(member)).isEqualTo(Level.MODERATE);

        kafka.publish(Topic.ROOM_EVENTS, new MemberRoleChanged(roomId, member, "member"));
        caughtUp();
        assertThat(levelOf(member)).isEqualTo(Level.SEND);
        assertThat(levels(new RoomUser(roomId, owner), new RoomUser(roomId, member), new RoomUser(roomId, stranger))).containsExactlyInAnyOrderEntriesOf(Map.of(
                new RoomUser(roomId, owner), Level.MODERATE, new RoomUser(roomId, member), Level.SEND,
                new RoomUser(roomId, stranger), Level.NONE));
    }

    @Test
    void aDeletedRoomIsNotFoundForEveryone() {
        kafka.createRoom(roomId, "public", owner);
        kafka.publish(Topic.ROOM_EVENTS, new RoomDeleted(roomId, Instant.now()));
        caughtUp();

        assertThat(levelOf(owner)).isEqualTo(Level.NONE);
        assertThat(levelOf(stranger)).isEqualTo(Level.NONE);
    }

    @Test
    void aDeletedRoomTakesItsMembersAndBansWithIt() {
        kafka.createRoom(roomId, "private", owner);
        kafka.join(roomId, member);
        kafka.publish(Topic.ROOM_EVENTS, new UserBanned(roomId, stranger, Instant.now()));
        caughtUp();
        assertThat(rowsOf(MEMBERS)).isEqualTo(2);
        assertThat(rowsOf(BANS)).isEqualTo(1);

        kafka.publish(Topic.ROOM_EVENTS, new RoomDeleted(roomId, Instant.now()));
        caughtUp();

        assertThat(rowsOf(MEMBERS)).isZero();
        assertThat(rowsOf(BANS)).isZero();
        assertThat(jdbc.queryForObject("select deleted from rooms where room_id = ?", Boolean.class, roomId)).isTrue();
    }

    @Test
    void makingARoomPrivateHidesItFromNonMembers() {
        kafka.createRoom(roomId, "public", owner);
        kafka.publish(Topic.ROOM_EVENTS, new RoomUpdated(roomId, null, null, "private", Instant.now()));
        caughtUp();

        assertThat(levelOf(stranger)).isEqualTo(Level.NONE);
    }

    @Test
    void replayingTheRoomsHistoryConvergesToTheSameState() {
        List<RoomEvent> history = List.of(
                new RoomCreated(roomId, "group", "r", null, "public", owner, Instant.now()),
                new MemberJoined(roomId, owner, "owner", Instant.now()),
                new MemberJoined(roomId, member, "member", Instant.now()),
                new MemberLeft(roomId, member, "left", Instant.now()));
        history.forEach(event -> kafka.publish(Topic.ROOM_EVENTS, event));
        history.forEach(event -> kafka.publish(Topic.ROOM_EVENTS, event));
        caughtUp();

        assertThat(levelOf(owner)).isEqualTo(Level.MODERATE);
        assertThat(levelOf(member)).isEqualTo(Level.READ);
    }

    @Test
    void unknownEventTypesAndMalformedEventsAreSkipped() {
        kafka.publishRaw(Topic.ROOM_EVENTS, roomId.toString(), "RoomArchived",
                "{\"roomId\":\"%s\"}".formatted(roomId).getBytes(StandardCharsets.UTF_8));
        kafka.publishRaw(Topic.ROOM_EVENTS, roomId.toString(), "MemberJoined", "[1,2".getBytes(StandardCharsets.UTF_8));
        kafka.publishRaw(Topic.ROOM_EVENTS, roomId.toString(), "MemberJoined",
                "{\"roomId\":\"%s\"}".formatted(roomId).getBytes(StandardCharsets.UTF_8));
        kafka.createRoom(roomId, "private", owner);
        caughtUp();

        assertThat(levelOf(owner)).isEqualTo(Level.MODERATE);
    }

    private void caughtUp() {
        assertThat(catchUp.awaitKey(roomId.toString())).isTrue();
    }

    private int rowsOf(String count) {
        return jdbc.queryForObject(count, Integer.class, roomId);
    }

    private Level levelOf(UUID userId) {
        return access.check(roomId, userId, Level.READ);
    }

    /** The command batch's question: many pairs at once, as the projection has them now. */
    private Map<RoomUser, Level> levels(RoomUser... pairs) {
        return RoundTrip.query(jdbc, access.levels(List.of(pairs)));
    }
}
