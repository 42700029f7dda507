package dev.parley.message.readmarkers;

import dev.parley.events.message.MarkRead;
import dev.parley.message.commands.CommandGateway;
import dev.parley.message.commands.CommandOutcome;
import dev.parley.message.commands.Rejections;
import dev.parley.message.rooms.RoomAccess;
import dev.parley.message.rooms.RoomAccess.Level;
import dev.parley.message.rooms.RoomUser;
import dev.parley.platform.web.ApiException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Read markers over HTTP: a marker that moves is published as MarkRead and applied by the command consumer
 * (which publishes ReadMarkerMoved); one that would not move is answered at once.
 */
@Service
class ReadMarkers {

    private final ReadMarkerStore store;
    private final RoomAccess roomAccess;
    private final CommandGateway gateway;

    ReadMarkers(ReadMarkerStore store, RoomAccess roomAccess, CommandGateway gateway) {
        this.store = store;
        this.roomAccess = roomAccess;
        this.gateway = gateway;
    }

    void markRead(UUID roomId, UUID userId, ReadRequest request) {
        if (request.seq() == null || request.seq() < 0) {
            throw ApiException.invalid("seq", "a seq of 0 or more");
        }
        Level level = roomAccess.check(roomId, userId, Level.SEND);
        level.refusalToSend().ifPresent(refusal -> {
            throw Rejections.asApiException(refusal, "roomId");
        });
        if (request.seq() <= store.find(new RoomUser(roomId, userId))) {
            return; // only moves forward: a marker going back is ignored
        }
        UUID commandId = UUID.randomUUID();
        Optional<CommandOutcome> outcome = gateway.submit(
                new MarkRead(commandId, roomId, userId, request.seq(), gateway.origin(commandId)), () -> false);
        if (outcome.isEmpty()) {
            throw ApiException.unavailable("The read marker was not confirmed in time and may still move; retrying is safe.");
        }
        if (outcome.get() instanceof CommandOutcome.Rejected rejected) {
            throw Rejections.asApiException(rejected.reason(), rejected.fieldOr("seq"));
        }
    }

    List<UnreadRoom> unread(UUID userId) {
        return store.unread(userId);
    }
}
