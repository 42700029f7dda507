package dev.parley.message.pipeline;

import dev.parley.events.message.MessageCommand;
import dev.parley.events.message.SendMessage;
import dev.parley.message.rooms.RoomAccess.Level;
import dev.parley.message.rooms.RoomUser;
import dev.parley.message.rooms.Standing;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * What the batches read and wrote last, to predict what the next one would read (ADR 0045): its rooms' sequences
 * as this instance last committed them, its senders' standing as last read. A room's commands come to one consumer
 * at a time, so the prediction is nearly always right; when it is not — another writer in the room, a member who
 * left, a redelivery — the batch's expectations fail inside PostgreSQL, and it is handled again the reading way.
 * Nothing here is ever trusted without that check.
 */
@Component
class BatchPredictions {

    /** Rooms and senders remembered; beyond it everything is forgotten at once, and learned again. */
    private static final int CAPACITY = 100_000;

    private final boolean enabled;
    private final Map<UUID, Sequence> rooms = new ConcurrentHashMap<>();
    private final Map<RoomUser, Standing> standings = new ConcurrentHashMap<>();

    BatchPredictions(BatchPredictionProperties properties) {
        this.enabled = properties.enabled();
    }

    private record Sequence(long lastSeq, long version) {
    }

    /** A batch's reads, as predicted. */
    record Prediction(Map<RoomUser, Standing> standings, Map<UUID, RoomSequence> rooms) {
    }

    /**
     * The reads of a batch of sends that need nothing else ({@link SendStep#needsOnlyTheBatchReads}), from senders
     * who may send, in rooms this instance wrote last; empty for any other batch, and when predictions are off.
     */
    Optional<Prediction> predict(List<MessageCommand> commands, List<RoomUser> actors, List<UUID> roomIds) {
        if (!enabled) {
            return Optional.empty();
        }
        for (MessageCommand command : commands) {
            if (!(command instanceof SendMessage send) || !SendStep.needsOnlyTheBatchReads(send)) {
                return Optional.empty();
            }
        }
        Map<RoomUser, Standing> predictedStandings = new HashMap<>();
        for (RoomUser actor : actors) {
            Standing standing = standings.get(actor);
            if (standing == null || !standing.level().allows(Level.SEND)) {
                return Optional.empty();
            }
            predictedStandings.put(actor, standing);
        }
        Map<UUID, RoomSequence> predictedRooms = new HashMap<>();
        for (UUID roomId : roomIds) {
            Sequence sequence = rooms.get(roomId);
            if (sequence == null) {
                return Optional.empty();
            }
            predictedRooms.put(roomId, new RoomSequence(roomId, sequence.lastSeq(), sequence.version()));
        }
        return Optional.of(new Prediction(predictedStandings, predictedRooms));
    }

    /** Standings as a batch read them. */
    void read(Map<RoomUser, Standing> read) {
        forgetAllIfFull(standings);
        standings.putAll(read);
    }

    /** The rooms of a batch, as it committed them. */
    void committed(Collection<RoomSequence> committed) {
        forgetAllIfFull(rooms);
        committed.forEach(room -> rooms.put(room.roomId(), new Sequence(room.lastSeq(), room.newVersion())));
    }

    private static void forgetAllIfFull(Map<?, ?> remembered) {
        if (remembered.size() >= CAPACITY) {
            remembered.clear();
        }
    }
}
