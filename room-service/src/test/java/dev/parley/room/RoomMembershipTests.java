package dev.parley.room;

import static dev.parley.room.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RoomMembershipTests extends RoomServiceIntegrationTest {

    @Test
    void selfJoiningAPublicRoomAnswersTheNewMember() {
        UUID room = createRoom(newUser(), "Open", "public");
        User joiner = newUser();

        Api.Response joined = api.post(members(room), joiner.token(), null);

        assertThat(joined.status()).isEqualTo(201);
        assertThat(joined.text("userId")).isEqualTo(joiner.id().toString());
        assertThat(joined.text("role")).isEqualTo("member");
        assertThat(joined.text("joinedAt")).isNotBlank();
        assertThat(api.get("/api/rooms/" + room, joiner.token()).text("myRole")).isEqualTo("member");
    }

    @Test
    void anEmptyObjectOrTheCallersOwnIdIsASelfJoinToo() {
        UUID room = createRoom(newUser(), "Open", "public");
        User first = newUser();
        User second = newUser();

        assertThat(api.post(members(room), first.token(), "{}").status()).isEqualTo(201);
        assertThat(api.post(members(room), second.token(), "{\"userId\":\"" + second.id() + "\"}").status())
                .isEqualTo(201);
        assertThat(memberCount(room, first)).isEqualTo(3);
    }

    @Test
    void joiningTwiceAnswersTheExistingMembershipAndCountsItOnce() {
        UUID room = createRoom(newUser(), "Open", "public");
        User joiner = newUser();

        Api.Response first = api.post(members(room), joiner.token(), null);
        Api.Response second = api.post(members(room), joiner.token(), null);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(memberCount(room, joiner)).isEqualTo(2);
    }

    @Test
    void theOwnerJoiningTheirOwnRoomKeepsTheOwnerRole() {
        User owner = newUser();
        UUID room = createRoom(owner, "Mine", "private");

        Api.Response again = api.post(members(room), owner.token(), null);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("role")).isEqualTo("owner");
    }

    @Test
    void joiningAPrivateRoomAsANonMemberIsNotFound() {
        UUID room = createRoom(newUser(), "Closed", "private");

        Api.Response refused = api.post(members(room), newUser().token(), null);

        assertProblem(refused, 404, "room_not_found");
    }

    @Test
    void joiningAnUnknownRoomIsNotFound() {
        assertProblem(api.post(members(UUID.randomUUID()), newUser().token(), null), 404, "room_not_found");
    }

    @Test
    void aPlainMemberMayNotAddSomeoneElse() {
        UUID room = createRoom(newUser(), "Open", "public");
        User member = newUser();
        api.post(members(room), member.token(), null);

        Api.Response refused = api.post(members(room), member.token(), "{\"userId\":\"" + UUID.randomUUID() + "\"}");

        assertProblem(refused, 403, "forbidden");
    }

    @Test
    void anEmptyUserIdIsAValidationProblemNotASelfJoin() {
        UUID room = createRoom(newUser(), "Open", "public");
        User joiner = newUser();

        for (String userId : new String[] {"", "  "}) {
            Api.Response refused = api.post(members(room), joiner.token(), "{\"userId\":\"" + userId + "\"}");

            assertProblem(refused, 400, "validation_failed");
            assertThat(refused.errorFields()).containsExactly("userId");
        }
        assertThat(api.get(members(room), joiner.token()).body().path("items").size()).isEqualTo(1);
    }

    @Test
    void aMalformedUserIdIsAValidationProblem() {
        UUID room = createRoom(newUser(), "Open", "public");

        Api.Response refused = api.post(members(room), newUser().token(), "{\"userId\":\"nope\"}");

        assertProblem(refused, 400, "validation_failed");
        assertThat(refused.errorFields()).containsExactly("userId");
    }

    @Test
    void concurrentJoinsOfDistinctUsersAreEachCountedExactlyOnce() throws Exception {
        User owner = newUser();
        UUID room = createRoom(owner, "Busy", "public");
        int joiners = 20;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> joins = IntStream.range(0, joiners).mapToObj(i -> (Callable<Integer>) () -> {
            User joiner = newUser();
            start.await();
            return api.post(members(room), joiner.token(), null).status();
        }).toList();

        List<Integer> statuses;
        try (ExecutorService pool = Executors.newFixedThreadPool(joiners)) {
            List<Future<Integer>> answers = joins.stream().map(pool::submit).toList();
            start.countDown();
            statuses = answers.stream().map(RoomMembershipTests::await).toList();
        }

        assertThat(statuses).hasSize(joiners).containsOnly(201);
        assertThat(memberCount(room, owner)).isEqualTo(joiners + 1);
    }

    @Test
    void theSameUserJoiningTwiceAtOnceIsAddedOnce() throws Exception {
        User owner = newUser();
        UUID room = createRoom(owner, "Double", "public");
        User joiner = newUser();

        List<Integer> statuses;
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Callable<Integer> join = () -> api.post(members(room), joiner.token(), null).status();
            statuses = pool.invokeAll(List.of(join, join)).stream().map(RoomMembershipTests::await).toList();
        }

        assertThat(statuses).containsExactlyInAnyOrder(201, 200);
        assertThat(memberCount(room, owner)).isEqualTo(2);
    }

    @Test
    void concurrentJoinsAndLeavesKeepTheMemberCountExact() throws Exception {
        User owner = newUser();
        UUID room = createRoom(owner, "Revolving door", "public");
        List<User> leaving = Stream.generate(RoomServiceIntegrationTest::newUser).limit(10).toList();
        List<User> joining = Stream.generate(RoomServiceIntegrationTest::newUser).limit(10).toList();
        leaving.forEach(user -> api.post(members(room), user.token(), null));
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> changes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            User leaver = leaving.get(i);
            User joiner = joining.get(i);
            changes.add(() -> {
                start.await();
                return api.delete(members(room) + "/" + leaver.id(), leaver.token()).status();
            });
            changes.add(() -> {
                start.await();
                return api.post(members(room), joiner.token(), null).status();
            });
        }

        List<Integer> statuses;
        try (ExecutorService pool = Executors.newFixedThreadPool(changes.size())) {
            List<Future<Integer>> answers = changes.stream().map(pool::submit).toList();
            start.countDown();
            statuses = answers.stream().map(RoomMembershipTests::await).toList();
        }

        assertThat(statuses).containsOnly(201, 204);
        assertThat(memberCount(room, owner)).isEqualTo(11);
        assertThat(api.get(members(room) + "?limit=100", owner.token()).body().path("items").size()).isEqualTo(11);
    }

    @Test
    void addingAUserAuthServiceNeverAnnouncedIsNotFound() {
        User owner = newUser();
        UUID room = createRoom(owner, "Invitations", "private");

        Api.Response refused = api.post(members(room), owner.token(), Api.json(Map.of("userId", unannouncedUser().id())));

        assertThat(refused.outcome()).isEqualTo("404 user_not_found");
        assertThat(memberCount(room, owner)).isEqualTo(1);
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
