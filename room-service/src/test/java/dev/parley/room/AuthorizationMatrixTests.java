package dev.parley.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may do what (contract §2 "Rooms"), as one table per visibility: every action by the owner, an
 * admin, a member, a user outside the room and a banned user, each on a fresh room where all of them
 * hold their role. In a private room, outsiders and banned users get 404 for everything; a banned user
 * cannot read a public room either (contract §7), though joining it answers 403 {@code banned}.
 */
class AuthorizationMatrixTests extends RoomServiceIntegrationTest {

    private static final String FORBIDDEN = "403 forbidden";
    private static final String HIDDEN = "404 room_not_found";

    /** Outcomes per actor: owner, admin, member, outsider, banned — in a public room. */
    private static final List<Row> PUBLIC_ROOM = List.of(
            new Row(Action.VIEW, "200", "200", "200", "200", HIDDEN),
            new Row(Action.UPDATE, "200", "200", FORBIDDEN, FORBIDDEN, FORBIDDEN),
            new Row(Action.DELETE, "204", FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
            new Row(Action.LIST_MEMBERS, "200", "200", "200", "200", HIDDEN),
            new Row(Action.JOIN, "200", "200", "200", "201", "403 banned"),
            new Row(Action.ADD_SOMEONE, "201", "201", FORBIDDEN, FORBIDDEN, FORBIDDEN),
            new Row(Action.LEAVE, "409 owner_cannot_leave", "204", "204", "404 member_not_found", "404 member_not_found"),
            new Row(Action.KICK_A_MEMBER, "204", "204", FORBIDDEN, FORBIDDEN, FORBIDDEN),
            new Row(Action.KICK_AN_ADMIN, "204", FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
            new Row(Action.MAKE_A_MEMBER_ADMIN, "200", FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
            new Row(Action.HAND_OVER_OWNERSHIP, "200", FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
            new Row(Action.BAN_A_MEMBER, "204", "204", FORBIDDEN, FORBIDDEN, FORBIDDEN),
            new Row(Action.BAN_AN_ADMIN, "204", FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
            new Row(Action.LIFT_A_BAN, "204", "204", FORBIDDEN, FORBIDDEN, FORBIDDEN));

    /** The same for members; a private room does not exist for anyone else. */
    private static final List<Row> PRIVATE_ROOM = PUBLIC_ROOM.stream()
            .map(row -> new Row(row.action(), row.owner(), row.admin(), row.member(), HIDDEN, HIDDEN))
            .toList();

    private static Cast cast;

    @BeforeAll
    static void users() {
        cast = new Cast(newUser(), newUser(), newUser(), newUser(), newUser(), newUser(), newUser(), newUser());
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (String visibility : List.of("public", "private")) {
            for (Row row : visibility.equals("public") ? PUBLIC_ROOM : PRIVATE_ROOM) {
                for (Actor actor : Actor.values()) {
                    cases.add(arguments(visibility, row.action(), actor, row.outcomeFor(actor)));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} room: {1} by {2} → {3}")
    @MethodSource("matrix")
    void everyActionAnswersWhatTheContractSaysForEveryRole(String visibility, Action action, Actor actor, String expected) {
        UUID room = roomWithEveryRole(visibility);

        Api.Response answer = action.perform(this, room, actor.user(cast));

        assertThat(answer.outcome()).as(answer.raw()).isEqualTo(expected); // an error: a whole problem document
    }

    private UUID roomWithEveryRole(String visibility) {
        UUID room = createRoom(cast.owner(), "Matrix", visibility);
        for (User member : List.of(cast.admin(), cast.otherAdmin(), cast.member(), cast.target())) {
            addMember(room, cast.owner(), member);
        }
        setRole(room, cast.owner(), cast.admin(), "admin");
        setRole(room, cast.owner(), cast.otherAdmin(), "admin");
        ban(room, cast.owner(), cast.banned());
        return room;
    }

    /**
     * The users of every case: the actors, another admin and a plain member ({@code target}) to act on,
     * and {@code newcomer}, known to the service but in no room.
     */
    record Cast(User owner, User admin, User member, User outsider, User banned, User otherAdmin, User target,
                User newcomer) {
    }

    enum Actor {
        OWNER, ADMIN, MEMBER, OUTSIDER, BANNED;

        User user(Cast cast) {
            return switch (this) {
                case OWNER -> cast.owner();
                case ADMIN -> cast.admin();
                case MEMBER -> cast.member();
                case OUTSIDER -> cast.outsider();
                case BANNED -> cast.banned();
            };
        }
    }

    enum Action {
        VIEW((t, r) -> t.api.get(room(r.room), r.actor.token())),
        UPDATE((t, r) -> t.api.patch(room(r.room), r.actor.token(), "{\"topic\":\"changed\"}")),
        DELETE((t, r) -> t.api.delete(room(r.room), r.actor.token())),
        LIST_MEMBERS((t, r) -> t.api.get(members(r.room), r.actor.token())),
        JOIN((t, r) -> t.api.post(members(r.room), r.actor.token(), null)),
        ADD_SOMEONE((t, r) -> t.api.post(members(r.room), r.actor.token(), userId(cast.newcomer()))),
        LEAVE((t, r) -> t.api.delete(members(r.room) + "/" + r.actor.id(), r.actor.token())),
        KICK_A_MEMBER((t, r) -> t.api.delete(members(r.room) + "/" + cast.target().id(), r.actor.token())),
        KICK_AN_ADMIN((t, r) -> t.api.delete(members(r.room) + "/" + cast.otherAdmin().id(), r.actor.token())),
        MAKE_A_MEMBER_ADMIN((t, r) -> t.api.put(role(r.room, cast.target()), r.actor.token(), "{\"role\":\"admin\"}")),
        HAND_OVER_OWNERSHIP((t, r) -> t.api.put(role(r.room, cast.target()), r.actor.token(), "{\"role\":\"owner\"}")),
        BAN_A_MEMBER((t, r) -> t.api.post(bans(r.room), r.actor.token(), userId(cast.target()))),
        BAN_AN_ADMIN((t, r) -> t.api.post(bans(r.room), r.actor.token(), userId(cast.otherAdmin()))),
        LIFT_A_BAN((t, r) -> t.api.delete(bans(r.room) + "/" + cast.banned().id(), r.actor.token()));

        private final BiFunction<AuthorizationMatrixTests, Request, Api.Response> request;

        Action(BiFunction<AuthorizationMatrixTests, Request, Api.Response> request) {
            this.request = request;
        }

        Api.Response perform(AuthorizationMatrixTests test, UUID room, User actor) {
            return request.apply(test, new Request(room, actor));
        }

        private static String room(UUID room) {
            return "/api/rooms/" + room;
        }

        private static String role(UUID room, User user) {
            return members(room) + "/" + user.id() + "/role";
        }

        private static String bans(UUID room) {
            return "/api/rooms/" + room + "/bans";
        }

        private static String userId(User user) {
            return Api.json(Map.of("userId", user.id()));
        }
    }

    record Request(UUID room, User actor) {
    }

    record Row(Action action, String owner, String admin, String member, String outsider, String banned) {

        String outcomeFor(Actor actor) {
            return switch (actor) {
                case OWNER -> owner;
                case ADMIN -> admin;
                case MEMBER -> member;
                case OUTSIDER -> outsider;
                case BANNED -> banned;
            };
        }
    }
}
