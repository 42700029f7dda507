package dev.parley.bench.chat;

import dev.parley.bench.api.BenchUser;
import java.util.ArrayList;
import java.util.List;

/** Rooms "room-a", "room-b", … of users that exist nowhere but in the bench, for runs against the ceiling server. */
final class TestRooms {

    private TestRooms() {
    }

    static ChatRooms of(int rooms, int membersPerRoom) {
        List<String> ids = new ArrayList<>();
        List<List<BenchUser>> members = new ArrayList<>();
        for (int room = 0; room < rooms; room++) {
            ids.add("room-" + (char) ('a' + room));
            List<BenchUser> users = new ArrayList<>();
            for (int m = 0; m < membersPerRoom; m++) {
                int index = room * membersPerRoom + m;
                users.add(new BenchUser(index, "user-" + index, "bench" + index, "not-a-jwt-" + index));
            }
            members.add(users);
        }
        return ChatRooms.unmanaged(ids, members);
    }
}
