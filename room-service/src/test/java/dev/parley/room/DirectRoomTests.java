package dev.parley.room;

import static dev.parley.room.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.user.UserRegistered;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

class DirectRoomTests extends RoomServiceIntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;

    @Test
    void openingADirectRoomWithAJustRegisteredUserAnswersAPrivateRoomOfBoth() {
        User ada = newUser();
        User grace = newUser(); // announced on the user topic a moment ago: the directory catches up

        Api.Response opened = open(ada, grace);

        assertThat(opened.status()).as(opened.raw()).isEqualTo(201);
        assertThat(opened.text("kind")).isEqualTo("direct");
        assertThat(opened.text("visibility")).isEqualTo("private");
        assertThat(opened.text("name")).isEqualTo(sortedNames(ada, grace));
        assertThat(opened.body().path("topic").isNull()).isTrue();
        assertThat(opened.text("ownerId")).isEqualTo(ada.id().toString());
        assertThat(opened.body().path("memberCount").asInt()).isEqualTo(2);
        assertThat(opened.text("myRole")).isEqualTo("member");
        Api.Response seenByGrace = api.get("/api/rooms/" + opened.text("id"), grace.token());
        assertThat(seenByGrace.status()).isEqualTo(200);
        assertThat(seenByGrace.text("myRole")).isEqualTo("member");
        assertThat(api.get("/api/rooms", grace.token()).body().path("items").values())
                .extracting(room -> room.path("id").asString()).contains(opened.text("id"));
    }

    @Test
    void openingItAgainFromEitherSideAnswersTheSameRoomWith200() {
        User ada = newUser();
        User grace = newUser();
        Api.Response first = open(ada, grace);

        Api.Response again = open(ada, grace);
        Api.Response otherSide = open(grace, ada);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("id")).isEqualTo(first.text("id"));
        assertThat(otherSide.status()).isEqualTo(200);
        assertThat(otherSide.text("id")).isEqualTo(first.text("id"));
        assertThat(otherSide.body().path("memberCount").asInt()).isEqualTo(2);
    }

    @Test
    void parallelRequestsFromBothSidesCreateExactlyOneRoom() throws Exception {
        User ada = newUser();
        User grace = newUser();
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Api.Response>> requests = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            User from = i % 2 == 0 ? ada : grace;
            User to = from == ada ? grace : ada;
            requests.add(() -> {
                start.await();
                return open(from, to);
            });
        }

        List<Api.Response> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(requests.size())) {
            List<Future<Api.Response>> pending = requests.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<Api.Response> answer : pending) {
                answers.add(answer.get());
            }
        }

        assertThat(answers).extracting(Api.Response::status).containsOnly(200, 201).filteredOn(status -> status == 201)
                .hasSize(1);
        assertThat(answers).extracting(answer -> answer.text("id")).containsOnly(answers.getFirst().text("id"));
        UUID room = UUID.fromString(answers.getFirst().text("id"));
        assertThat(jdbc.sql("select count(*) from rooms r join memberships m on m.room_id = r.id "
                        + "where r.kind = 'direct' and m.user_id = :ada")
                .param("ada", ada.id()).query(Integer.class).single()).isOne();
        // Every answer came after its events were in Kafka: a second RoomCreated would be there by now.
        assertThat(new RoomEventsReader(bootstrapServers).eventsNowOf(room))
                .extracting(RoomEventsReader.Received::eventType)
                .containsExactly("RoomCreated", "MemberJoined", "MemberJoined");
    }

    @Test
    void aUserAuthServiceNeverAnnouncedIsNotFound() {
        Api.Response refused = open(newUser(), unannouncedUser());

        assertProblem(refused, 404, "user_not_found");
    }

    @Test
    void userEventsTheDirectoryCannotReadAreSkippedWithoutHoldingUpTheNextOnes() {
        User grace = unannouncedUser();
        publishUserEvent(grace.id(), "UserRegistered", "{\"userId\":");
        publishUserEvent(grace.id(), "UserDeactivated", "{\"userId\":\"" + grace.id() + "\"}");
        publishUserEvent(new UserRegistered(grace.id(), grace.username(), "Grace", Instant.now()));

        assertThat(open(newUser(), grace).status()).isEqualTo(201);
    }

    @Test
    void oneselfAMissingOrAMalformedUserIdAreValidationProblems() {
        User ada = newUser();

        assertThat(open(ada, ada).errorFields()).containsExactly("userId");
        assertThat(api.post("/api/rooms/direct", ada.token(), "{}").errorFields()).containsExactly("userId");
        assertThat(api.post("/api/rooms/direct", ada.token(), "{\"userId\":\"nope\"}").errorFields())
                .containsExactly("userId");
    }

    @Test
    void aDirectRoomKeepsItsTwoMembersAndHasNothingToManage() {
        User ada = newUser();
        User grace = newUser();
        User outsider = newUser();
        String room = "/api/rooms/" + open(ada, grace).text("id");

        List<Api.Response> refused = List.of(
                api.post(room + "/members", ada.token(), Api.json(Map.of("userId", outsider.id()))),
                api.delete(room + "/members/" + ada.id(), ada.token()),
                api.delete(room + "/members/" + grace.id(), ada.token()),
                api.put(room + "/members/" + grace.id() + "/role", ada.token(), "{\"role\":\"admin\"}"),
                api.post(room + "/bans", ada.token(), Api.json(Map.of("userId", grace.id()))),
                api.patch(room, ada.token(), "{\"name\":\"renamed\"}"),
                api.delete(room, grace.token()));

        assertThat(refused).extracting(Api.Response::outcome).containsOnly("403 forbidden");
        assertThat(api.get(room, outsider.token()).outcome()).isEqualTo("404 room_not_found");
        assertThat(api.post(room + "/members", outsider.token(), null).outcome()).isEqualTo("404 room_not_found");
        assertThat(api.get(room + "/members", grace.token()).body().path("items").size()).isEqualTo(2);
    }

    private Api.Response open(User from, User to) {
        return api.post("/api/rooms/direct", from.token(), Api.json(Map.of("userId", to.id())));
    }

    private static String sortedNames(User a, User b) {
        return a.username().compareToIgnoreCase(b.username()) <= 0
                ? a.username() + ", " + b.username() : b.username() + ", " + a.username();
    }
}
