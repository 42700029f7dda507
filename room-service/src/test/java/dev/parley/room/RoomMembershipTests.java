package dev.parley.room;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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

        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.text("code")).isEqualTo("room_not_found");
    }

    @Test
    void joiningAnUnknownRoomIsNotFound() {
        assertThat(api.post(members(UUID.randomUUID()), newUser().token(), null).text("code"))
                .isEqualTo("room_not_found");
    }

    @Test
    void aPlainMemberMayNotAddSomeoneElse() {
        UUID room = createRoom(newUser(), "Open", "public");
        User member = newUser();
        api.post(members(room), member.token(), null);

        Api.Response refused = api.post(members(room), member.token(), "{\"userId\":\"" + UUID.randomUUID() + "\"}");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.text("code")).isEqualTo("forbidden");
    }

    @Test
    void aMalformedUserIdIsAValidationProblem() {
        UUID room = createRoom(newUser(), "Open", "public");

        Api.Response refused = api.post(members(room), newUser().token(), "{\"userId\":\"nope\"}");

        assertThat(refused.status()).isEqualTo(400);
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

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int memberCount(UUID room, User reader) {
        return api.get("/api/rooms/" + room, reader.token()).body().path("memberCount").asInt();
    }

    private static String members(UUID room) {
        return "/api/rooms/" + room + "/members";
    }
}
