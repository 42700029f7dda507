package dev.parley.room;

import dev.parley.events.room.MemberJoined;
import dev.parley.events.room.RoomCreated;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

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
            assertThat(UUID.fromString(received.eventId())).isNotNull();
            assertThat(received.schemaVersion()).isEqualTo("1");
        });
        assertThat(events.get(0).eventId()).isNotEqualTo(events.get(1).eventId());
    }

    @Test
    void theAnswerComesOnlyOnceTheEventsLeftTheOutbox() {
        UUID room = createRoom(newUser(), "Prompt", "public");
        int pending = jdbc.sql("select count(*) from room_event_outbox where room_id = :room")
                .param("room", room).query(Integer.class).single();

        api.post("/api/rooms/" + room + "/members", newUser().token(), null);
        int pendingAfterJoin = jdbc.sql("select count(*) from room_event_outbox where room_id = :room")
                .param("room", room).query(Integer.class).single();

        assertThat(pending).isZero();
        assertThat(pendingAfterJoin).isZero();
    }

    @Test
    void joinsArePublishedInOrderOnTheRoomsPartitionAndARepeatedJoinPublishesNothing() {
        // A repeated join publishing anything would show up before the second user's MemberJoined.
        User owner = newUser();
        User first = newUser();
        User second = newUser();
        UUID room = createRoom(owner, "Ordered", "public");

        api.post("/api/rooms/" + room + "/members", first.token(), null);
        api.post("/api/rooms/" + room + "/members", first.token(), null);
        api.post("/api/rooms/" + room + "/members", second.token(), null);
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
        List<User> joiners = java.util.stream.Stream.generate(RoomServiceIntegrationTest::newUser).limit(10).toList();

        joiners.parallelStream().forEach(joiner -> api.post("/api/rooms/" + room + "/members", joiner.token(), null));
        List<RoomEventsReader.Received> events = reader.eventsOf(room, 12);

        assertThat(events).hasSize(12);
        assertThat(events.subList(2, 12)).extracting(received -> ((MemberJoined) received.event()).userId())
                .containsExactlyInAnyOrderElementsOf(joiners.stream().map(User::id).toList());
    }
}
