package dev.parley.gateway.ws.command;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The {@code read} frames of one connection whose outcome has not come back, per room in the order they came,
 * each with its command and its frame's {@code id}. A client may send a room's next {@code read} before the
 * previous one is answered, so a room may have several: a refusal names its command and so finds its own frame,
 * and a marker's move is the echo of the oldest one that asked for at least that seq (message-service handles a
 * room's commands in order, and clamps a marker beyond the room's last message).
 *
 * <p>A {@code read} message-service ignores (the marker was there already) gets no answer at all, so its entry
 * stays until the connection goes. Hence the bound per room: beyond it the oldest entry is dropped, which costs
 * only that frame's id, should it still be refused.
 */
final class OwnReads {

    private static final int MAX_PER_ROOM = 16;

    private final Map<UUID, Deque<OwnRead>> byRoom = new HashMap<>();

    /** One read marker the connection asked for, with the command and frame id it came as. */
    record OwnRead(long seq, UUID commandId, JsonNode frameId) {
    }

    synchronized void remember(UUID roomId, OwnRead read) {
        Deque<OwnRead> reads = byRoom.computeIfAbsent(roomId, room -> new ArrayDeque<>(2));
        if (reads.size() == MAX_PER_ROOM) {
            reads.removeFirst();
        }
        reads.addLast(read);
    }

    /** The read of that command, no longer awaited (refused, or never sent); {@code null} when unknown. */
    synchronized OwnRead take(UUID roomId, UUID commandId) {
        Deque<OwnRead> reads = byRoom.get(roomId);
        if (reads == null) {
            return null;
        }
        for (Iterator<OwnRead> it = reads.iterator(); it.hasNext(); ) {
            OwnRead read = it.next();
            if (read.commandId().equals(commandId)) {
                it.remove();
                forgetIfEmpty(roomId, reads);
                return read;
            }
        }
        return null;
    }

    /** Whether a move of the marker to {@code seq} is the echo of one of these reads (then no longer awaited). */
    synchronized boolean takeEcho(UUID roomId, long seq) {
        Deque<OwnRead> reads = byRoom.get(roomId);
        if (reads == null) {
            return false;
        }
        for (Iterator<OwnRead> it = reads.iterator(); it.hasNext(); ) {
            if (it.next().seq() >= seq) {
                it.remove();
                forgetIfEmpty(roomId, reads);
                return true;
            }
        }
        return false;
    }

    private void forgetIfEmpty(UUID roomId, Deque<OwnRead> reads) {
        if (reads.isEmpty()) {
            byRoom.remove(roomId);
        }
    }
}
