package dev.parley.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.room.UserBanned;
import dev.parley.room.ban.BanProperties;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A ban is kept forever (a row, a UserBanned on the forever topic, an entry in every gateway following the room),
 * so it must name a user who exists, and a room holds a bounded number of them.
 */
class BanBoundsTests extends RoomServiceIntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private BanProperties properties;

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;

    private RoomEventsReader reader;

    @BeforeEach
    void reader() {
        reader = new RoomEventsReader(bootstrapServers);
    }

    @Test
    void banningAUserNobodyRegisteredIsUserNotFoundAndLeavesNoBanAndNoEvent() {
        User owner = newUser();
        User marker = newUser();
        UUID room = createRoom(owner, "Ghosts", "public");

        Api.Response randomId = banRequest(room, owner, UUID.randomUUID());
        Api.Response unannounced = banRequest(room, owner, unannouncedUser().id());
        api.post(members(room), marker.token(), null); // nothing was published before it

        assertThat(randomId.outcome()).as(randomId.raw()).isEqualTo("404 user_not_found");
        assertThat(unannounced.outcome()).isEqualTo("404 user_not_found");
        assertThat(bansOf(room)).isZero();
        assertThat(reader.eventsOf(room, 3)).extracting(RoomEventsReader.Received::eventType)
                .containsExactly("RoomCreated", "MemberJoined", "MemberJoined");
    }

    @Test
    void aUserWhoRegisteredAMomentAgoCanBeBannedAtOnce() {
        User owner = newUser();
        UUID room = createRoom(owner, "Quick", "public");

        // newUser() returns as soon as the UserRegistered is on the topic, before the directory has applied it
        User newcomer = newUser();

        assertThat(banRequest(room, owner, newcomer.id()).status()).isEqualTo(204);
        assertThat(reader.eventsOf(room, 3).get(2).event()).isInstanceOfSatisfying(UserBanned.class, ban ->
                assertThat(ban.userId()).isEqualTo(newcomer.id()));
    }

    @Test
    void aRoomHoldsAtMostTheConfiguredNumberOfBansAndLiftingOneMakesRoomForAnother() {
        User owner = newUser();
        User last = newUser();
        User oneTooMany = newUser();
        User member = newUser();
        UUID room = createRoom(owner, "Crowded", "public");
        api.post(members(room), member.token(), null);
        fillWithBans(room, owner, properties.maxPerRoom() - 1);

        Api.Response lastOne = banRequest(room, owner, last.id());
        Api.Response beyond = banRequest(room, owner, oneTooMany.id());
        Api.Response memberBeyond = banRequest(room, owner, member.id());
        Api.Response again = banRequest(room, owner, last.id());

        assertThat(lastOne.status()).isEqualTo(204);
        assertThat(beyond.outcome()).as(beyond.raw()).isEqualTo("409 too_many_bans");
        assertThat(memberBeyond.outcome()).as("a member is not removed either").isEqualTo("409 too_many_bans");
        assertThat(memberCount(room, owner)).isEqualTo(2);
        assertThat(again.status()).as("banning a banned user again stays a no-op, bound or not").isEqualTo(204);
        assertThat(bansOf(room)).isEqualTo(properties.maxPerRoom());

        assertThat(api.delete("/api/rooms/" + room + "/bans/" + last.id(), owner.token()).status()).isEqualTo(204);
        assertThat(banRequest(room, owner, oneTooMany.id()).status()).isEqualTo(204);
        assertThat(bansOf(room)).isEqualTo(properties.maxPerRoom());
    }

    @Test
    void concurrentBansCannotPassTheBoundTogether() {
        User owner = newUser();
        UUID room = createRoom(owner, "Race", "public");
        List<User> targets = List.of(newUser(), newUser(), newUser(), newUser(), newUser(), newUser());
        fillWithBans(room, owner, properties.maxPerRoom() - 2);

        List<String> answers = targets.parallelStream().map(target -> banRequest(room, owner, target.id()).outcome())
                .toList();

        assertThat(answers).filteredOn("204"::equals).hasSize(2);
        assertThat(answers).filteredOn("409 too_many_bans"::equals).hasSize(targets.size() - 2);
        assertThat(bansOf(room)).isEqualTo(properties.maxPerRoom());
    }

    private Api.Response banRequest(UUID room, User banner, UUID userId) {
        return api.post("/api/rooms/" + room + "/bans", banner.token(), Api.json(Map.of("userId", userId)));
    }

    /** Bans made earlier, in bulk: as many rows as the requests would have left, without thousands of requests. */
    private void fillWithBans(UUID room, User owner, int count) {
        jdbc.sql("""
                        insert into bans (room_id, user_id, banned_by, banned_at)
                        select :room, gen_random_uuid(), :owner, now() from generate_series(1, :count)""")
                .param("room", room).param("owner", owner.id()).param("count", count)
                .update();
    }

    private int bansOf(UUID room) {
        return jdbc.sql("select count(*) from bans where room_id = :room").param("room", room)
                .query(Integer.class).single();
    }
}
