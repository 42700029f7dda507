package dev.parley.message.pipeline;

import dev.parley.events.message.MarkRead;
import dev.parley.events.message.ReadMarkerMoved;
import dev.parley.message.readmarkers.ReadMarkerStore;
import dev.parley.message.rooms.RoomAccess.Level;
import dev.parley.message.rooms.RoomUser;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * MarkRead within a batch: a marker only moves forward, and never beyond the room's last seq (sends earlier
 * in the same batch included). The markers are read in one query and written in one JDBC batch.
 */
@Component
class ReadMarkerStep {

    private final ReadMarkerStore store;

    ReadMarkerStep(ReadMarkerStore store) {
        this.store = store;
    }

    void prepare(List<MarkRead> reads, CommandBatch batch) {
        batch.readMarkers.putAll(store.findAll(reads.stream().filter(read -> read.userId() != null)
                .map(read -> new RoomUser(read.roomId(), read.userId())).distinct().toList()));
    }

    void handle(MarkRead command, CommandBatch batch) {
        if (command.userId() == null || command.seq() < 0) {
            batch.rejected(command, "validation_failed");
            return;
        }
        Level level = batch.level(command.roomId(), command.userId());
        if (!level.allows(Level.SEND)) {
            batch.rejected(command, level == Level.READ ? "not_member" : "room_not_found");
            return;
        }
        RoomUser reader = new RoomUser(command.roomId(), command.userId());
        long target = Math.min(command.seq(), batch.room(command.roomId()).lastSeq());
        if (target <= Objects.requireNonNullElse(batch.readMarkers.get(reader), 0L)) {
            batch.ignored(command);
            return;
        }
        batch.readMarkers.put(reader, target);
        batch.movedMarkers.put(reader, target);
        batch.applied(command, new ReadMarkerMoved(command.roomId(), command.userId(), target));
    }

    void flush(CommandBatch batch) {
        store.saveAll(batch.movedMarkers);
        batch.movedMarkers.clear();
    }
}
