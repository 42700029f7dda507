package dev.parley.message.pipeline;

import dev.parley.events.ErrorCode;
import dev.parley.events.message.MarkRead;
import dev.parley.events.message.ReadMarkerMoved;
import dev.parley.message.readmarkers.ReadMarkerStore;
import dev.parley.message.rooms.RoomAccess.Level;
import dev.parley.message.rooms.RoomUser;
import java.util.List;
import java.util.Optional;
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
        batch.knownMarkers(store.findAll(reads.stream().filter(read -> read.userId() != null)
                .map(read -> new RoomUser(read.roomId(), read.userId())).distinct().toList()));
    }

    void handle(MarkRead command, CommandBatch batch) {
        if (command.userId() == null || command.seq() < 0) {
            batch.rejected(command, ErrorCode.VALIDATION_FAILED, "seq");
            return;
        }
        Level level = batch.level(command.roomId(), command.userId());
        Optional<ErrorCode> refusal = level.refusalToSend();
        if (refusal.isPresent()) {
            batch.rejected(command, refusal.get());
            return;
        }
        RoomUser reader = new RoomUser(command.roomId(), command.userId());
        long target = Math.min(command.seq(), batch.room(command.roomId()).lastSeq());
        if (target <= batch.readMarker(reader)) {
            batch.ignored(command);
            return;
        }
        batch.moveMarker(reader, target);
        batch.applied(command, new ReadMarkerMoved(command.roomId(), command.userId(), target));
    }

    void flush(CommandBatch batch) {
        store.saveAll(batch.takeMovedMarkers());
    }
}
