package dev.parley.room;

import static dev.parley.room.Api.assertProblem;
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

class RoomListTests extends RoomServiceIntegrationTest {

    @Test
    void joinedRoomsArePagedOldestFirstWithACursor() {
        User user = newUser();
        UUID first = createRoom(user, "one", "public");
        UUID second = createRoom(user, "two", "private");
        UUID joined = createRoom(newUser(), "three", "public");
        api.post("/api/rooms/" + joined + "/members", user.token(), null);
        createRoom(newUser(), "not mine", "public");

        Api.Response page1 = api.get("/api/rooms?limit=2", user.token());
        Api.Response page2 = api.get("/api/rooms?scope=joined&limit=2&cursor=" + page1.text("nextCursor"), user.token());

        assertThat(page1.status()).isEqualTo(200);
        assertThat(ids(page1)).containsExactly(first.toString(), second.toString());
        assertThat(roles(page1)).containsExactly("owner", "owner");
        assertThat(page1.text("nextCursor")).isNotBlank();
        assertThat(ids(page2)).containsExactly(joined.toString());
        assertThat(roles(page2)).containsExactly("member");
        assertThat(page2.body().has("nextCursor")).isTrue();
        assertThat(page2.body().path("nextCursor").isNull()).isTrue();
    }

    @Test
    void theLimitDefaultsToFiftyAndOneAboveOneHundredIsClampedToOneHundred() throws Exception {
        User user = newUser();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<UUID>> created = IntStream.range(0, 101)
                    .mapToObj(i -> pool.submit(() -> createRoom(user, "bulk " + i, "private"))).toList();
            for (Future<UUID> room : created) {
                room.get();
            }
        }

        Api.Response byDefault = api.get("/api/rooms", user.token());
        Api.Response page = api.get("/api/rooms?limit=1000", user.token());
        Api.Response rest = api.get("/api/rooms?limit=1000&cursor=" + page.text("nextCursor"), user.token());

        assertThat(byDefault.body().path("items").size()).isEqualTo(50);
        assertThat(byDefault.text("nextCursor")).isNotBlank();
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().path("items").size()).isEqualTo(100);
        assertThat(rest.body().path("items").size()).isEqualTo(1);
        assertThat(api.get("/api/rooms?limit=99999999999", user.token()).body().path("items").size()).isEqualTo(100);
        assertThat(ids(rest)).doesNotContainAnyElementsOf(ids(page));
    }

    @Test
    void publicRoomsAreFoundByCaseInsensitiveNamePrefixWithoutPrivateOnes() {
        String prefix = "Zq" + UUID.randomUUID().toString().substring(0, 8);
        User owner = newUser();
        UUID open = createRoom(owner, prefix + " Open", "public");
        createRoom(owner, prefix + " Hidden", "private");
        createRoom(owner, "Other " + prefix, "public");

        Api.Response found = api.get("/api/rooms?scope=public&q=" + prefix.toLowerCase(), newUser().token());

        assertThat(found.status()).isEqualTo(200);
        assertThat(ids(found)).containsExactly(open.toString());
        assertThat(found.body().path("items").get(0).has("myRole")).isFalse();
    }

    @Test
    void aNamePrefixIsMatchedLiterallyNotAsAPattern() {
        String prefix = "Wc" + UUID.randomUUID().toString().substring(0, 8);
        User owner = newUser();
        UUID literal = createRoom(owner, prefix + "_%x", "public");
        createRoom(owner, prefix + "ab", "public");

        Api.Response found = api.get("/api/rooms?scope=public&q=" + prefix + "_%25", owner.token());

        assertThat(ids(found)).containsExactly(literal.toString());
    }

    @Test
    void aLimitOfZeroAnUnknownScopeACursorNotIssuedOrANulInTheSearchAreValidationProblems() {
        String token = newUser().token();

        assertThat(api.get("/api/rooms?limit=0", token).errorFields()).containsExactly("limit");
        assertThat(api.get("/api/rooms?limit=-3", token).errorFields()).containsExactly("limit");
        assertThat(api.get("/api/rooms?scope=everything", token).errorFields()).containsExactly("scope");
        assertThat(api.get("/api/rooms?cursor=bm9wZQ", token).errorFields()).containsExactly("cursor");
        assertProblem(api.get("/api/rooms?cursor=***", token), 400, "validation_failed");
        assertThat(api.get("/api/rooms?cursor=" + cursorAt("+300000-01-01T00:00:00Z"), token).errorFields())
                .containsExactly("cursor");
        assertThat(api.get("/api/rooms?cursor=" + cursorAt("-5000-01-01T00:00:00Z"), token).errorFields())
                .containsExactly("cursor");
        assertThat(api.get("/api/rooms?scope=public&q=a%00b", token).errorFields()).containsExactly("q");
        assertThat(api.get("/api/rooms?q=%00", token).errorFields()).containsExactly("q");
    }

    private static List<String> ids(Api.Response page) {
        List<String> ids = new ArrayList<>();
        for (JsonNode room : page.body().path("items")) {
            ids.add(room.path("id").asString());
        }
        return ids;
    }

    private static List<String> roles(Api.Response page) {
        return page.body().path("items").values().stream().map(room -> room.path("myRole").asString()).toList();
    }
}
