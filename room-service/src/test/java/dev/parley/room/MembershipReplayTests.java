package dev.parley.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.room.MemberJoined;
import dev.parley.events.room.MemberLeft;
import dev.parley.events.room.MemberRoleChanged;
import dev.parley.events.room.RoomCreated;
import dev.parley.events.room.RoomDeleted;
import dev.parley.events.room.RoomUpdated;
import dev.parley.events.room.UserBanned;
import dev.parley.events.room.UserUnbanned;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * parley.room-events.v1 is the replayable history of every room (contract §4): a consumer that reads it
 * from offset 0, deduplicating by eventId, ends up with exactly the rooms and memberships in the database.
 */
class MembershipReplayTests extends RoomServiceIntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;

    @Test
    void replayingTheTopicFromTheBeginningRebuildsEveryRoomAndItsMembers() throws InterruptedException {
        changeRoomsInEveryWay();
        awaitEmptyOutbox();

        Map<UUID, RoomState> replayed = replay();
        Map<UUID, RoomState> stored = stored();

        assertThat(stored).isNotEmpty();
        assertThat(replayed).isEqualTo(stored);
        assertThat(jdbc.sql("""
                        select count(*) from rooms r
                        where r.member_count <> (select count(*) from memberships m where m.room_id = r.id)""")
                .query(Integer.class).single()).isZero();
    }

    /** Its own history, so that the replay has every kind of event even when this class runs first. */
    private void changeRoomsInEveryWay() {
        User owner = newUser();
        User admin = newUser();
        User kicked = newUser();
        User banned = newUser();
        User heir = newUser();
        UUID room = createRoom(owner, "Replayed", "public");
        for (User user : new User[] {admin, kicked, banned, heir}) {
            api.post(members(room), user.token(), null);
        }
        setRole(room, owner, admin, "admin");
        api.patch("/api/rooms/" + room, admin.token(), "{\"name\":\"Replayed again\",\"visibility\":\"private\"}");
        api.delete(members(room) + "/" + kicked.id(), admin.token());
        ban(room, admin, banned);
        setRole(room, owner, heir, "owner");
        api.delete(members(room) + "/" + owner.id(), owner.token());
        api.delete("/api/rooms/" + createRoom(owner, "Short-lived", "public"), owner.token());
        api.post("/api/rooms/direct", kicked.token(), Api.json(java.util.Map.of("userId", banned.id())));
    }

    private void awaitEmptyOutbox() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (jdbc.sql("select count(*) from event_outbox").query(Integer.class).single() > 0) {
            assertThat(Instant.now()).as("outbox drained").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private Map<UUID, RoomState> replay() {
        Map<UUID, RoomState> rooms = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (RoomEventsReader.Received received : new RoomEventsReader(bootstrapServers).everything()) {
            if (!seen.add(received.eventId())) {
                continue; // a duplicate after a failure: same eventId
            }
            switch (received.event()) {
                case RoomCreated created -> rooms.put(created.roomId(), new RoomState(created.kind(), created.name(),
                        created.topic(), created.visibility(), created.ownerId(), new HashMap<>()));
                case RoomUpdated updated -> rooms.computeIfPresent(updated.roomId(), (id, room) ->
                        new RoomState(room.kind(), updated.name(), updated.topic(), updated.visibility(), room.ownerId(),
                                room.members()));
                case RoomDeleted deleted -> rooms.remove(deleted.roomId());
                case MemberJoined joined -> rooms.get(joined.roomId()).members().put(joined.userId(), joined.role());
                case MemberLeft left -> rooms.get(left.roomId()).members().remove(left.userId());
                case UserBanned banned -> {
                    // bans are not part of the compared state: the database holds bans older than their events
                }
                case UserUnbanned unbanned -> {
                }
                case MemberRoleChanged changed -> {
                    RoomState room = rooms.get(changed.roomId());
                    room.members().put(changed.userId(), changed.role());
                    if (changed.role().equals("owner")) {
                        rooms.put(changed.roomId(), new RoomState(room.kind(), room.name(), room.topic(),
                                room.visibility(), changed.userId(), room.members()));
                    }
                }
            }
        }
        return rooms;
    }

    private Map<UUID, RoomState> stored() {
        Map<UUID, RoomState> rooms = new HashMap<>();
        jdbc.sql("select id, kind, name, topic, visibility, owner_id from rooms").query(rs -> {
            rooms.put(rs.getObject("id", UUID.class), new RoomState(rs.getString("kind"), rs.getString("name"),
                    rs.getString("topic"), rs.getString("visibility"), rs.getObject("owner_id", UUID.class),
                    new HashMap<>()));
        });
        jdbc.sql("select room_id, user_id, role from memberships").query(rs -> {
            rooms.get(rs.getObject("room_id", UUID.class)).members()
                    .put(rs.getObject("user_id", UUID.class), rs.getString("role"));
        });
        return rooms;
    }

    record RoomState(String kind, String name, String topic, String visibility, UUID ownerId, Map<UUID, String> members) {
    }
}
