package dev.parley.bench.chat;

import dev.parley.bench.api.BenchUser;
import dev.parley.bench.api.Parallel;
import dev.parley.bench.api.ParleyApi;
import java.util.List;

/**
 * Creates a run's rooms through the API — each owned by its first member, who adds the others —
 * and deletes them afterwards, so bench users do not pile up memberships run after run.
 */
public final class RoomSetup {

    private static final int CONCURRENCY = 16;

    private final ParleyApi api;

    public RoomSetup(ParleyApi api) {
        this.api = api;
    }

    /** @param members members.get(r) are room r's users, its owner first; returns the room ids */
    public List<String> create(String runName, List<List<BenchUser>> members) {
        List<String> rooms = inParallel(members.size(), r ->
                api.createRoom("bench " + runName + " " + r, members.get(r).getFirst().token()));
        int perRoom = members.getFirst().size();
        inParallel(members.size() * (perRoom - 1), i -> {
            int room = i / (perRoom - 1);
            BenchUser owner = members.get(room).getFirst();
            api.addMember(rooms.get(room), members.get(room).get(1 + i % (perRoom - 1)).id(), owner.token());
            return null;
        });
        return rooms;
    }

    public void delete(List<String> rooms, List<List<BenchUser>> members) {
        inParallel(rooms.size(), r -> {
            api.deleteRoom(rooms.get(r), members.get(r).getFirst().token());
            return null;
        });
    }

    private static <T> List<T> inParallel(int count, Parallel.Task<T> task) {
        return Parallel.run(count, CONCURRENCY, "room set-up", task);
    }
}
