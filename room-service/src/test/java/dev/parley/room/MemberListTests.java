package dev.parley.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MemberListTests extends RoomServiceIntegrationTest {

    @Test
    void membersArePagedInJoinOrderWithACursor() {
        User owner = newUser();
        UUID room = createRoom(owner, "Roll call", "public");
        List<User> joiners = List.of(newUser(), newUser(), newUser(), newUser());
        joiners.forEach(joiner -> api.post(members(room), joiner.token(), null));

        Api.Response first = api.get(members(room) + "?limit=2", owner.token());
        Api.Response second = api.get(members(room) + "?limit=2&cursor=" + first.text("nextCursor"), owner.token());
        Api.Response last = api.get(members(room) + "?limit=2&cursor=" + second.text("nextCursor"), owner.token());

        assertThat(first.status()).isEqualTo(200);
        assertThat(userIds(first)).containsExactly(owner.id().toString(), joiners.get(0).id().toString());
        assertThat(first.body().path("items").get(0).path("role").asString()).isEqualTo("owner");
        assertThat(first.body().path("items").get(0).path("joinedAt").asString()).isNotBlank();
        assertThat(userIds(second)).containsExactly(joiners.get(1).id().toString(), joiners.get(2).id().toString());
        assertThat(userIds(last)).containsExactly(joiners.get(3).id().toString());
        assertThat(last.body().path("nextCursor").isNull()).isTrue();
    }

    @Test
    void anyUserSeesTheMembersOfAPublicRoomButOnlyMembersThoseOfAPrivateOne() {
        User owner = newUser();
        UUID open = createRoom(owner, "Open", "public");
        UUID closed = createRoom(owner, "Closed", "private");
        User stranger = newUser();

        assertThat(api.get(members(open), stranger.token()).status()).isEqualTo(200);
        assertThat(api.get(members(closed), stranger.token()).outcome()).isEqualTo("404 room_not_found");
        assertThat(api.get(members(UUID.randomUUID()), stranger.token()).outcome()).isEqualTo("404 room_not_found");
    }

    @Test
    void aLimitOfZeroOrACursorNotIssuedAreValidationProblems() {
        User owner = newUser();
        UUID room = createRoom(owner, "Strict", "public");

        assertThat(api.get(members(room) + "?limit=0", owner.token()).errorFields()).containsExactly("limit");
        assertThat(api.get(members(room) + "?cursor=bm9wZQ", owner.token()).errorFields()).containsExactly("cursor");
        assertThat(api.get(members(room) + "?cursor=" + cursorAt("+300000-01-01T00:00:00Z"), owner.token())
                .errorFields()).containsExactly("cursor");
    }

    @Test
    void theLimitDefaultsToFiftyAndOneAboveOneHundredIsClampedToOneHundred() throws Exception {
        User owner = newUser();
        UUID room = createRoom(owner, "Crowd", "public");
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<Api.Response>> joins = IntStream.range(0, 100)
                    .mapToObj(i -> pool.submit(() -> api.post(members(room), newUser().token(), null))).toList();
            for (Future<Api.Response> join : joins) {
                assertThat(join.get().status()).isEqualTo(201);
            }
        }

        Api.Response byDefault = api.get(members(room), owner.token());
        Api.Response clamped = api.get(members(room) + "?limit=1000", owner.token());
        Api.Response rest = api.get(members(room) + "?limit=1000&cursor=" + clamped.text("nextCursor"), owner.token());

        assertThat(userIds(byDefault)).hasSize(50);
        assertThat(byDefault.text("nextCursor")).isNotBlank();
        assertThat(userIds(clamped)).hasSize(100);
        assertThat(userIds(rest)).hasSize(1).doesNotContainAnyElementsOf(userIds(clamped));
    }

    private static List<String> userIds(Api.Response page) {
        List<String> ids = new ArrayList<>();
        for (JsonNode member : page.body().path("items")) {
            ids.add(member.path("userId").asString());
        }
        return ids;
    }
}
