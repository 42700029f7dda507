package dev.parley.message.pipeline;

import dev.parley.events.ErrorCode;
import dev.parley.events.message.MessageCommand;
import dev.parley.events.message.MessageEvent;
import dev.parley.events.message.MessageRejected;
import dev.parley.events.message.SendMessage;
import dev.parley.message.commands.CommandOutcome;
import dev.parley.message.commands.HandledCommand;
import dev.parley.message.commands.HandledCommand.Outcome;
import dev.parley.message.events.OutgoingEvent;
import dev.parley.message.history.RoomHistoryChange;
import dev.parley.message.rooms.RoomAccess.Level;
import dev.parley.message.rooms.RoomUser;
import dev.parley.message.sending.MessageView;
import dev.parley.message.sending.SendKey;
import dev.parley.message.sending.StoredSend;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The state of one batch inside its transaction: the access levels and locked room sequences it started
 * from, what the steps planned, and what to publish and answer once it commits. Planned sends are inserted
 * together, but always before a query of the messages table ({@link #queryMessages}), so that an edit or
 * delete finds a message sent earlier in the same batch.
 */
final class CommandBatch {

    private final Map<RoomUser, Level> access;
    private final Map<UUID, RoomSequence> rooms;
    private final Map<UUID, HandledCommand> handled;
    private final Consumer<List<StoredSend>> insertSends;

    /** Sends stored before the batch or planned in it, by their idempotency key. */
    private final Map<SendKey, StoredSend> sends = new HashMap<>();
    private final List<StoredSend> pendingInserts = new ArrayList<>();
    private int inserted;
    /** Read markers as the batch sees them, and those it moved. */
    private final Map<RoomUser, Long> readMarkers = new HashMap<>();
    private final Map<RoomUser, Long> movedMarkers = new HashMap<>();

    private final List<OutgoingEvent> events = new ArrayList<>();
    private final List<HandledCommand> newlyHandled = new ArrayList<>();
    private final Map<UUID, CommandOutcome> outcomes = new LinkedHashMap<>();
    private final Map<UUID, Map<Long, MessageView>> changedMessages = new LinkedHashMap<>();

    /** @param insertSends inserts planned sends, in the batch's transaction */
    CommandBatch(Map<RoomUser, Level> access, Map<UUID, RoomSequence> rooms, Map<UUID, HandledCommand> handledBefore,
                 Consumer<List<StoredSend>> insertSends) {
        this.access = access;
        this.rooms = rooms;
        this.handled = new HashMap<>(handledBefore);
        this.insertSends = insertSends;
    }

    Level level(UUID roomId, UUID userId) {
        return access.getOrDefault(new RoomUser(roomId, userId), Level.NONE);
    }

    /** The locked sequence of a room the projection knows (every room an accepted command can be in). */
    RoomSequence room(UUID roomId) {
        RoomSequence room = rooms.get(roomId);
        if (room == null) {
            throw new IllegalStateException("Room " + roomId + " was not locked for this batch");
        }
        return room;
    }

    Optional<HandledCommand> handledBefore(UUID commandId) {
        return Optional.ofNullable(handled.get(commandId));
    }

    void storedBefore(Map<SendKey, StoredSend> stored) {
        sends.putAll(stored);
    }

    /** A send stored before the batch or planned in it. */
    Optional<StoredSend> send(SendKey key) {
        return Optional.ofNullable(sends.get(key));
    }

    /** A new message, inserted with the batch's other sends. */
    void plan(SendKey key, StoredSend send) {
        sends.put(key, send);
        pendingInserts.add(send);
        changed(send.message());
    }

    /** Runs a query of the messages table once the planned sends are inserted, so that it sees them. */
    <T> T queryMessages(Supplier<T> query) {
        insertPlannedSends();
        return query.get();
    }

    /** Before any query of the messages table. */
    void insertPlannedSends() {
        insertSends.accept(takePlannedSends());
    }

    /** At the end of the batch: the sends still to insert, which the caller inserts with the batch's last writes. */
    List<StoredSend> takePlannedSends() {
        List<StoredSend> planned = List.copyOf(pendingInserts);
        inserted += planned.size();
        pendingInserts.clear();
        return planned;
    }

    void knownMarkers(Map<RoomUser, Long> markers) {
        readMarkers.putAll(markers);
    }

    /** The reader's marker as the batch sees it; 0 when they have none. */
    long readMarker(RoomUser reader) {
        return readMarkers.getOrDefault(reader, 0L);
    }

    void moveMarker(RoomUser reader, long seq) {
        readMarkers.put(reader, seq);
        movedMarkers.put(reader, seq);
    }

    /** The markers moved since the last call. */
    Map<RoomUser, Long> takeMovedMarkers() {
        Map<RoomUser, Long> moved = Map.copyOf(movedMarkers);
        movedMarkers.clear();
        return moved;
    }

    /** A send's answer: its message stored now or before. Sends are deduplicated by their key, not recorded. */
    void posted(SendMessage command, MessageEvent event) {
        events.add(OutgoingEvent.answering(command, event));
        outcomes.put(command.commandId(), new CommandOutcome.Done());
    }

    /** A further event of a command's effect (a thread's new state after a reply), published after its answer. */
    void alsoPublish(MessageCommand command, MessageEvent event) {
        events.add(OutgoingEvent.answering(command, event));
    }

    void applied(MessageCommand command, MessageEvent event) {
        record(command, new HandledCommand(command.commandId(), command.roomId(), Outcome.APPLIED, null, event));
    }

    void ignored(MessageCommand command) {
        record(command, new HandledCommand(command.commandId(), command.roomId(), Outcome.IGNORED, null, null));
    }

    /** Refused for a reason that is about no one field of the command (not a member, a deleted message …). */
    void rejected(MessageCommand command, ErrorCode reason) {
        rejected(command, reason, null);
    }

    /** Refused because of the command's {@code field}: every channel's answer names it (contract §2, §3, §6). */
    void rejected(MessageCommand command, ErrorCode reason, String field) {
        String clientMsgId = command instanceof SendMessage send ? send.clientMsgId() : null;
        MessageRejected rejection = new MessageRejected(command.commandId(), command.roomId(), clientMsgId, reason,
                command.origin(), field);
        record(command, new HandledCommand(command.commandId(), command.roomId(), Outcome.REJECTED, reason, rejection));
    }

    /** A command handled before (a redelivery): the same event again, eventId included; nothing applied twice. */
    void republish(MessageCommand command, HandledCommand earlier) {
        if (earlier.event() != null) {
            events.add(OutgoingEvent.answering(command, earlier.event()));
        }
        outcomes.put(earlier.commandId(), earlier.asOutcome());
    }

    /** A message added, edited or deleted: its final state goes to the cache with the batch. */
    void changed(MessageView message) {
        changedMessages.computeIfAbsent(message.roomId(), room -> new LinkedHashMap<>()).put(message.seq(), message);
    }

    List<HandledCommand> newlyHandled() {
        return newlyHandled;
    }

    List<RoomSequence> changedRooms() {
        return rooms.values().stream().filter(RoomSequence::changed).toList();
    }

    BatchResult result() {
        if (!pendingInserts.isEmpty()) {
            throw new IllegalStateException("Planned sends were never inserted");
        }
        List<RoomHistoryChange> changes = changedRooms().stream()
                .map(room -> new RoomHistoryChange(room.roomId(), room.lockedVersion(), room.newVersion(),
                        room.lastSeq(), List.copyOf(changedMessages.getOrDefault(room.roomId(), Map.of()).values())))
                .toList();
        return new BatchResult(List.copyOf(events), Map.copyOf(outcomes), changes, inserted);
    }

    private void record(MessageCommand command, HandledCommand handledCommand) {
        handled.put(command.commandId(), handledCommand);
        newlyHandled.add(handledCommand);
        republish(command, handledCommand);
    }
}
