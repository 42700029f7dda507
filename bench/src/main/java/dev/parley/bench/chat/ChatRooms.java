package dev.parley.bench.chat;

import dev.parley.bench.api.BenchUser;
import dev.parley.bench.api.ParleyApi;
import dev.parley.bench.report.Progress;
import java.util.ArrayList;
import java.util.List;

/**
 * A chat scenario's rooms, created through Parley's API — room {@code r}'s members are users
 * {@code r × membersPerRoom …} — and deleted on close. Apart from the runs that use them, so that the
 * ceiling run (W1) sends to the same room ids with the same users as Parley's run.
 */
public final class ChatRooms implements AutoCloseable {

    private final RoomSetup setup;
    private final List<List<BenchUser>> members;
    private final List<String> ids;
    private final Progress progress;

    private ChatRooms(RoomSetup setup, List<List<BenchUser>> members, List<String> ids, Progress progress) {
        this.setup = setup;
        this.members = members;
        this.ids = ids;
        this.progress = progress;
    }

    public static ChatRooms create(ChatScenario scenario, ParleyApi api, List<BenchUser> users, Progress progress) {
        if (users.size() < scenario.connections()) {
            throw new IllegalArgumentException("need " + scenario.connections() + " users, got " + users.size());
        }
        List<List<BenchUser>> members = new ArrayList<>();
        for (int room = 0; room < scenario.rooms(); room++) {
            int first = room * scenario.membersPerRoom();
            members.add(users.subList(first, first + scenario.membersPerRoom()));
        }
        progress.say("  creating " + scenario.rooms() + " rooms of " + scenario.membersPerRoom() + " members");
        RoomSetup setup = new RoomSetup(api);
        return new ChatRooms(setup, members, setup.create(scenario.name(), members), progress);
    }

    /** Rooms that need no set-up where the run goes (the ceiling server takes any room id): nothing to delete. */
    static ChatRooms unmanaged(List<String> ids, List<List<BenchUser>> members) {
        return new ChatRooms(null, members, ids, Progress.quiet());
    }

    String id(int room) {
        return ids.get(room);
    }

    BenchUser member(int room, int member) {
        return members.get(room).get(member);
    }

    /** Deletes the rooms, so bench users do not pile up memberships run after run. */
    @Override
    public void close() {
        if (setup == null) {
            return;
        }
        try {
            setup.delete(ids, members);
        } catch (RuntimeException e) {
            progress.say("  (could not delete every bench room: " + e.getMessage() + ")");
        }
    }
}
