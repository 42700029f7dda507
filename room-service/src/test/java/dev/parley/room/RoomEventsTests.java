package dev.parley.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.room.MemberJoined;
import dev.parley.events.room.MemberLeft;
import dev.parley.events.room.MemberRoleChanged;
import dev.parley.events.room.RoomCreated;
import dev.parley.events.room.RoomDeleted;
import dev.parley.events.room.RoomEvent;
import dev.parley.events.room.RoomUpdated;
import dev.parley.events.room.UserBanned;
import dev.parley.events.room.UserUnbanned;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

class RoomEventsTests extends RoomServiceIntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;

    private RoomEventsReader reader;

    @BeforeEach
    void reader() {
        reader = new RoomEventsReader(bootstrapServers);
    }

    @Test
    void creatingARoomPublishesRoomCreatedThenMemberJoinedForTheOwner() {
        User owner = newUser();
        Api.Response created = api.post("/api/rooms", owner.token(),
                Api.json(Map.of("name", "Announced", "topic", "news", "visibility", "private")));
        UUID room = UUID.fromString(created.text("id"));

        List<RoomEventsReader.Received> events = reader.eventsOf(room, 2);

        assertThat(events).extracting(RoomEventsReader.Received::eventType).containsExactly("RoomCreated", "MemberJoined");
        assertThat(events.get(0).event()).isEqualTo(new RoomCreated(room, "group", "Announced", "news", "private",
                owner.id(), Instant.parse(created.text("createdAt"))));
        assertThat(events.get(1).event()).isEqualTo(new MemberJoined(room, owner.id(), "owner",
                Instant.parse(created.text("createdAt"))));
        assertThat(events).allSatisfy(received -> {
            assertThat(UUID.fromString(received.eventId()).toString()).as("a UUID in its canonical form").isEqualTo(received.eventId());
            assertThat(received.schemaVersion()).isEqualTo("1");
            assertThat(received.traceparent()).as("W3C trace context").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        });
        assertThat(events.get(0).eventId()).isNotEqualTo(events.get(1).eventId());
    }

    @Test
    void theEventsOfARequestContinueItsTrace() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        Api.Response created = api.post("/api/rooms", newUser().token(),
                Api.json(Map.of("name", "Traced", "visibility", "private")), "00-" + traceId + "-00f067aa0ba902b7-01");
        UUID room = UUID.fromString(created.text("id"));

        assertThat(reader.eventsOf(room, 2)).extracting(RoomEventsReader.Received::traceparent)
                .as("the request's trace, carried through the outbox").allSatisfy(traceparent ->
                        assertThat(traceparent).matches("00-" + traceId + "-[0-9a-f]{16}-01"));
    }

    @Test
    void joinKickAndBanAnswerOnlyOnceTheirEventsLeftTheOutbox() {
        User owner = newUser();
        User kicked = newUser();
        User banned = newUser();
        UUID room = createRoom(owner, "Prompt", "public");

        api.post(members(room), kicked.token(), null);
        int afterJoin = pending(room);
        api.post(members(room), banned.token(), null);
        api.delete(members(room) + "/" + kicked.id(), owner.token());
        int afterKick = pending(room);
        ban(room, owner, banned);
        int afterBan = pending(room);

        assertThat(List.of(afterJoin, afterKick, afterBan)).containsOnly(0);
        assertThat(reader.eventsOf(room, 7)).extracting(RoomEventsReader.Received::eventType).containsExactly(
                "RoomCreated", "MemberJoined", "MemberJoined", "MemberJoined", "MemberLeft", "MemberLeft", "UserBanned");
    }

    @Test
    void joinsArePublishedInOrderOnTheRoomsPartitionAndARepeatedJoinPublishesNothing() {
        // A repeated join publishing anything would show up before the second user's MemberJoined.
        User owner = newUser();
        User first = newUser();
        User second = newUser();
        UUID room = createRoom(owner, "Ordered", "public");

        api.post(members(room), first.token(), null);
        api.post(members(room), first.token(), null);
        api.post(members(room), second.token(), null);
        List<RoomEventsReader.Received> events = reader.eventsOf(room, 4);

        assertThat(events).extracting(RoomEventsReader.Received::eventType)
                .containsExactly("RoomCreated", "MemberJoined", "MemberJoined", "MemberJoined");
        assertThat(events.subList(1, 4)).extracting(received -> ((MemberJoined) received.event()).userId())
                .containsExactly(owner.id(), first.id(), second.id());
        assertThat(events).extracting(RoomEventsReader.Received::partition).containsOnly(events.get(0).partition());
    }

    @Test
    void concurrentJoinsPublishOneMemberJoinedEach() {
        User owner = newUser();
        UUID room = createRoom(owner, "Crowd", "public");
        List<User> joiners = Stream.generate(RoomServiceIntegrationTest::newUser).limit(10).toList();

        joiners.parallelStream().forEach(joiner -> api.post(members(room), joiner.token(), null));
        List<RoomEventsReader.Received> events = reader.eventsOf(room, 12);

        assertThat(events).hasSize(12);
        assertThat(events.subList(2, 12)).extracting(received -> ((MemberJoined) received.event()).userId())
                .containsExactlyInAnyOrderElementsOf(joiners.stream().map(User::id).toList());
    }

    @Test
    void roomUpdatedCarriesTheWholeRoomAsTheChangeLeftIt() {
        User owner = newUser();
        User member = newUser();
        Api.Response created = api.post("/api/rooms", owner.token(),
                Api.json(Map.of("name", "Before", "visibility", "public")));
        UUID room = UUID.fromString(created.text("id"));
        addMember(room, owner, member);

        Api.Response changed = api.patch("/api/rooms/" + room, owner.token(), "{\"name\":\"After\",\"topic\":\"T\"}");
        RoomEvent event = reader.eventsOf(room, 4).get(3).event();

        assertThat(changed.status()).isEqualTo(200);
        assertThat(event).isInstanceOfSatisfying(RoomUpdated.class, updated -> assertThat(updated).isEqualTo(
                new RoomUpdated(room, "group", "After", "T", "public", owner.id(), 2,
                        Instant.parse(created.text("createdAt")), updated.updatedAt())));
        assertThat(((RoomUpdated) event).updatedAt()).isAfterOrEqualTo(Instant.parse(created.text("createdAt")));
    }

    @Test
    void aPatchThatChangesNothingIsAnsweredWithTheRoomAndPublishesNothing() {
        // RoomUpdated is kept forever: a PATCH repeated in a loop must not add one per request
        User owner = newUser();
        User marker = newUser();
        Api.Response created = api.post("/api/rooms", owner.token(),
                Api.json(Map.of("name", "Steady", "topic", "Same", "visibility", "public")));
        UUID room = UUID.fromString(created.text("id"));
        String path = "/api/rooms/" + room;

        Api.Response empty = api.patch(path, owner.token(), "{}");
        Api.Response sameValues = api.patch(path, owner.token(),
                "{\"name\":\"Steady\",\"topic\":\"Same\",\"visibility\":\"public\"}");
        Api.Response changed = api.patch(path, owner.token(), "{\"topic\":\"Changed\"}");
        Api.Response changedAgain = api.patch(path, owner.token(), "{\"topic\":\"Changed\"}");
        api.post(members(room), marker.token(), null); // nothing else was published before it
        List<RoomEventsReader.Received> events = reader.eventsOf(room, 4);

        assertThat(List.of(empty.status(), sameValues.status(), changedAgain.status())).containsOnly(200);
        assertThat(sameValues.body()).isEqualTo(empty.body());
        assertThat(empty.text("name")).isEqualTo("Steady");
        assertThat(empty.text("topic")).isEqualTo("Same");
        assertThat(empty.text("myRole")).isEqualTo("owner");
        assertThat(changedAgain.body()).isEqualTo(changed.body());
        assertThat(events).extracting(RoomEventsReader.Received::eventType)
                .containsExactly("RoomCreated", "MemberJoined", "RoomUpdated", "MemberJoined");
        assertThat(((RoomUpdated) events.get(2).event()).topic()).isEqualTo("Changed");
    }

    @Test
    void aBanAndItsLiftingArePublishedOnceEachAlsoForANonMember() {
        User owner = newUser();
        User stranger = newUser();
        UUID room = createRoom(owner, "Bans", "public");
        String bans = "/api/rooms/" + room + "/bans";

        ban(room, owner, stranger);
        ban(room, owner, stranger);
        api.delete(bans + "/" + stranger.id(), owner.token());
        api.delete(bans + "/" + stranger.id(), owner.token());
        api.post(members(room), stranger.token(), null); // a marker: nothing else came before it
        List<RoomEventsReader.Received> events = reader.eventsOf(room, 4);

        assertThat(events).extracting(RoomEventsReader.Received::eventType).containsExactly(
                "RoomCreated", "MemberJoined", "UserBanned", "UserUnbanned", "MemberJoined");
        assertThat(events.get(2).event()).isInstanceOfSatisfying(UserBanned.class, ban ->
                assertThat(ban.userId()).isEqualTo(stranger.id()));
        assertThat(events.get(3).event()).isInstanceOfSatisfying(UserUnbanned.class, lifted ->
                assertThat(lifted.userId()).isEqualTo(stranger.id()));
    }

    @Test
    void everyKindOfChangeIsPublishedInTheOrderOfTheRequests() {
        User owner = newUser();
        User admin = newUser();
        User kicked = newUser();
        User banned = newUser();
        User heir = newUser();
        UUID room = createRoom(owner, "Lifecycle", "public");
        for (User user : List.of(admin, kicked, banned, heir)) {
            api.post(members(room), user.token(), null);
        }
        setRole(room, owner, admin, "admin");
        api.patch("/api/rooms/" + room, admin.token(), "{\"topic\":\"Rules\",\"visibility\":\"private\"}");
        api.delete(members(room) + "/" + kicked.id(), admin.token());
        ban(room, admin, banned);
        api.delete(members(room) + "/" + admin.id(), admin.token());
        setRole(room, owner, heir, "owner");
        api.delete(members(room) + "/" + owner.id(), owner.token());
        api.delete("/api/rooms/" + room, heir.token());

        List<RoomEvent> events = reader.eventsOf(room, 16).stream().map(RoomEventsReader.Received::event).toList();

        assertThat(events).hasSize(16);
        assertThat(events.get(0)).isInstanceOf(RoomCreated.class);
        assertThat(events.subList(1, 6)).extracting(event -> ((MemberJoined) event).userId())
                .containsExactly(owner.id(), admin.id(), kicked.id(), banned.id(), heir.id());
        assertThat(events.get(6)).isEqualTo(new MemberRoleChanged(room, admin.id(), "admin"));
        assertThat(events.get(7)).isInstanceOfSatisfying(RoomUpdated.class, updated -> {
            assertThat(updated.name()).isEqualTo("Lifecycle");
            assertThat(updated.topic()).isEqualTo("Rules");
            assertThat(updated.visibility()).isEqualTo("private");
        });
        assertThat(events.subList(8, 10)).extracting(event -> ((MemberLeft) event).userId() + " " + ((MemberLeft) event).reason())
                .containsExactly(kicked.id() + " kicked", banned.id() + " banned");
        assertThat(events.get(10)).isInstanceOfSatisfying(UserBanned.class, ban ->
                assertThat(ban.userId()).isEqualTo(banned.id()));
        assertThat(events.get(11)).isInstanceOfSatisfying(MemberLeft.class, left ->
                assertThat(left.userId() + " " + left.reason()).isEqualTo(admin.id() + " left"));
        assertThat(events.subList(12, 14)).containsExactly(
                new MemberRoleChanged(room, owner.id(), "admin"), new MemberRoleChanged(room, heir.id(), "owner"));
        assertThat(events.get(14)).isInstanceOfSatisfying(MemberLeft.class, left ->
                assertThat(left.userId() + " " + left.reason()).isEqualTo(owner.id() + " left"));
        assertThat(events.get(15)).isInstanceOf(RoomDeleted.class);
    }

    private int pending(UUID room) {
        return jdbc.sql("select count(*) from event_outbox where record_key = :room")
                .param("room", room.toString()).query(Integer.class).single();
    }
}
