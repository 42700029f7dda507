package dev.parley.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What leaving, kicking, banning, role changes, handing over, editing and deleting do to a room. */
class ModerationTests extends RoomServiceIntegrationTest {

    @Test
    void aKickedMemberIsGoneButMayJoinAgain() {
        User owner = newUser();
        User member = newUser();
        UUID room = createRoom(owner, "Kick", "public");
        api.post(members(room), member.token(), null);

        Api.Response kicked = api.delete(members(room) + "/" + member.id(), owner.token());

        assertThat(kicked.status()).isEqualTo(204);
        assertThat(memberCount(room, owner)).isEqualTo(1);
        assertThat(api.get("/api/rooms/" + room, member.token()).body().has("myRole")).isFalse();
        assertThat(api.post(members(room), member.token(), null).status()).isEqualTo(201);
    }

    @Test
    void aBanRemovesTheMemberAndKeepsThemOutUntilItIsLifted() {
        User owner = newUser();
        User member = newUser();
        UUID room = createRoom(owner, "Ban", "private");
        addMember(room, owner, member);

        ban(room, owner, member);

        assertThat(memberCount(room, owner)).isEqualTo(1);
        assertThat(api.get("/api/rooms/" + room, member.token()).outcome()).isEqualTo("404 room_not_found");
        Api.Response readd = api.post(members(room), owner.token(), Api.json(Map.of("userId", member.id())));
        assertThat(readd.outcome()).isEqualTo("403 banned");

        assertThat(api.delete("/api/rooms/" + room + "/bans/" + member.id(), owner.token()).status()).isEqualTo(204);
        assertThat(api.post(members(room), owner.token(), Api.json(Map.of("userId", member.id()))).status())
                .isEqualTo(201);
    }

    @Test
    void aBannedUserCanNoLongerReadAPublicRoomUntilTheBanIsLifted() {
        User owner = newUser();
        User member = newUser();
        UUID room = createRoom(owner, "Public ban", "public");
        addMember(room, owner, member);

        ban(room, owner, member);

        assertThat(api.get("/api/rooms/" + room, member.token()).outcome()).isEqualTo("404 room_not_found");
        assertThat(api.get(members(room), member.token()).outcome()).isEqualTo("404 room_not_found");
        assertThat(api.post(members(room), member.token(), null).outcome()).isEqualTo("403 banned");

        api.delete("/api/rooms/" + room + "/bans/" + member.id(), owner.token());
        assertThat(api.get("/api/rooms/" + room, member.token()).status()).isEqualTo(200);
    }

    @Test
    void aUserCanBeBannedBeforeTheyEverJoinAndBanningTwiceIsNoError() {
        User owner = newUser();
        User troll = newUser();
        UUID room = createRoom(owner, "Pre-emptive", "public");

        ban(room, owner, troll);
        ban(room, owner, troll);

        assertThat(memberCount(room, owner)).isEqualTo(1);
        assertThat(api.post(members(room), troll.token(), null).outcome()).isEqualTo("403 banned");
    }

    @Test
    void aBanReasonOfMoreThanFiveHundredCharactersOrWithANulOrNoUserIdAreValidationProblems() {
        User owner = newUser();
        UUID room = createRoom(owner, "Reasons", "public");
        String bans = "/api/rooms/" + room + "/bans";

        assertThat(api.post(bans, owner.token(), Api.json(Map.of("userId", UUID.randomUUID(), "reason", "r".repeat(501))))
                .errorFields()).containsExactly("reason");
        assertThat(api.post(bans, owner.token(), "{\"userId\":\"" + UUID.randomUUID() + "\",\"reason\":\"a\\u0000b\"}")
                .errorFields()).containsExactly("reason");
        assertThat(api.post(bans, owner.token(), "{\"reason\":\"spam\"}").errorFields()).containsExactly("userId");
    }

    @Test
    void handingOverMakesTheMemberTheOwnerAndTheOldOwnerAnAdminWhoMayThenLeave() {
        User owner = newUser();
        User heir = newUser();
        UUID room = createRoom(owner, "Heritage", "public");
        api.post(members(room), heir.token(), null);

        Api.Response handedOver = api.put(members(room) + "/" + heir.id() + "/role", owner.token(), "{\"role\":\"owner\"}");

        assertThat(handedOver.status()).isEqualTo(200);
        assertThat(handedOver.text("userId")).isEqualTo(heir.id().toString());
        assertThat(handedOver.text("role")).isEqualTo("owner");
        Api.Response seenByHeir = api.get("/api/rooms/" + room, heir.token());
        assertThat(seenByHeir.text("ownerId")).isEqualTo(heir.id().toString());
        assertThat(seenByHeir.text("myRole")).isEqualTo("owner");
        assertThat(api.get("/api/rooms/" + room, owner.token()).text("myRole")).isEqualTo("admin");
        assertThat(api.delete(members(room) + "/" + owner.id(), owner.token()).status()).isEqualTo(204);
        assertThat(memberCount(room, heir)).isEqualTo(1);
    }

    @Test
    void theOwnerCannotStepDownWithoutASuccessorAndAnUnknownRoleIsAValidationProblem() {
        User owner = newUser();
        User member = newUser();
        UUID room = createRoom(owner, "Throne", "public");
        api.post(members(room), member.token(), null);
        String ownRole = members(room) + "/" + owner.id() + "/role";

        assertThat(api.put(ownRole, owner.token(), "{\"role\":\"member\"}").outcome()).isEqualTo("409 owner_cannot_leave");
        assertThat(api.put(ownRole, owner.token(), "{\"role\":\"owner\"}").status()).isEqualTo(200);
        assertThat(api.put(members(room) + "/" + member.id() + "/role", owner.token(), "{\"role\":\"king\"}")
                .errorFields()).containsExactly("role");
        assertThat(api.put(members(room) + "/" + UUID.randomUUID() + "/role", owner.token(), "{\"role\":\"admin\"}")
                .outcome()).isEqualTo("404 member_not_found");
    }

    @Test
    void kickingSomeoneWhoIsNotAMemberIsNotFound() {
        User owner = newUser();
        UUID room = createRoom(owner, "Empty", "public");

        assertThat(api.delete(members(room) + "/" + UUID.randomUUID(), owner.token()).outcome())
                .isEqualTo("404 member_not_found");
    }

    @Test
    void aPatchChangesOnlyTheFieldsItNamesAndANullTopicRemovesTheTopic() {
        User owner = newUser();
        Api.Response created = api.post("/api/rooms", owner.token(),
                Api.json(Map.of("name", "Before", "topic", "Old topic", "visibility", "public")));
        String room = "/api/rooms/" + created.text("id");

        Api.Response renamed = api.patch(room, owner.token(), "{\"name\":\"After\"}");
        Api.Response cleared = api.patch(room, owner.token(), "{\"topic\":null,\"visibility\":\"private\"}");
        Api.Response unchanged = api.patch(room, owner.token(), "{}");

        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.text("name")).isEqualTo("After");
        assertThat(renamed.text("topic")).isEqualTo("Old topic");
        assertThat(renamed.text("visibility")).isEqualTo("public");
        assertThat(cleared.body().path("topic").isNull()).isTrue();
        assertThat(cleared.text("visibility")).isEqualTo("private");
        assertThat(cleared.text("name")).isEqualTo("After");
        assertThat(unchanged.body()).isEqualTo(cleared.body());
    }

    @Test
    void anInvalidPatchIsAValidationProblemNamingTheField() {
        User owner = newUser();
        String room = "/api/rooms/" + createRoom(owner, "Strict", "public");

        assertThat(api.patch(room, owner.token(), "{\"name\":\" \"}").errorFields()).containsExactly("name");
        assertThat(api.patch(room, owner.token(), "{\"name\":null}").errorFields()).containsExactly("name");
        assertThat(api.patch(room, owner.token(), "{\"name\":5}").errorFields()).containsExactly("name");
        assertThat(api.patch(room, owner.token(), Api.json(Map.of("name", "x".repeat(101)))).errorFields())
                .containsExactly("name");
        assertThat(api.patch(room, owner.token(), Api.json(Map.of("topic", "t".repeat(501)))).errorFields())
                .containsExactly("topic");
        assertThat(api.patch(room, owner.token(), "{\"name\":\"a\\u0000b\"}").errorFields()).containsExactly("name");
        assertThat(api.patch(room, owner.token(), "{\"topic\":\"a\\u0000b\"}").errorFields()).containsExactly("topic");
        assertThat(api.patch(room, owner.token(), "{\"visibility\":\"secret\"}").errorFields())
                .containsExactly("visibility");
        assertThat(api.patch(room, owner.token(), "{\"visibility\":null}").errorFields()).containsExactly("visibility");
        assertThat(api.patch(room, owner.token(), "[]").errorFields()).containsExactly("body");
    }

    @Test
    void aDeletedRoomIsGoneForEveryone() {
        User owner = newUser();
        User member = newUser();
        UUID room = createRoom(owner, "Doomed", "public");
        api.post(members(room), member.token(), null);

        assertThat(api.delete("/api/rooms/" + room, owner.token()).status()).isEqualTo(204);

        assertThat(api.get("/api/rooms/" + room, owner.token()).outcome()).isEqualTo("404 room_not_found");
        assertThat(api.get(members(room), member.token()).outcome()).isEqualTo("404 room_not_found");
        assertThat(api.post(members(room), newUser().token(), null).outcome()).isEqualTo("404 room_not_found");
        assertThat(api.delete("/api/rooms/" + room, owner.token()).outcome()).isEqualTo("404 room_not_found");
        assertThat(api.get("/api/rooms", member.token()).raw()).doesNotContain(room.toString());
    }
}
