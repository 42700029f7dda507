package dev.parley.message.pipeline;

import dev.parley.events.ErrorCode;
import dev.parley.events.EventCodec;
import dev.parley.events.message.DeleteMessage;
import dev.parley.events.message.EditMessage;
import dev.parley.events.message.MarkRead;
import dev.parley.events.message.MessageCommand;
import dev.parley.events.message.React;
import dev.parley.events.message.SendMessage;
import dev.parley.message.commands.CommandOutcomes;
import dev.parley.message.commands.HandledCommand;
import dev.parley.message.commands.HandledCommands;
import dev.parley.message.events.CommandTraces;
import dev.parley.message.events.EventPublisher;
import dev.parley.message.history.RecentHistoryCache;
import dev.parley.message.jdbc.Expectation;
import dev.parley.message.jdbc.Query;
import dev.parley.message.jdbc.RoundTrip;
import dev.parley.message.pipeline.BatchPredictions.Prediction;
import dev.parley.message.rooms.RoomAccess;
import dev.parley.message.rooms.RoomAccess.Level;
import dev.parley.message.rooms.RoomUser;
import dev.parley.message.rooms.Standing;
import dev.parley.message.sending.SendKey;
import dev.parley.message.sending.StoredSend;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Handles a batch of commands: one transaction that locks the batch's rooms, applies every command in
 * partition order (seq ranges handed out in memory, sends inserted in one statement) and records the
 * outcomes; then, after the commit, hands the changes to the cache's writer (which does not hold up the
 * batch) and publishes the events, waiting for the broker. A batch of plain sends whose reads can be predicted
 * ({@link BatchPredictions}) skips the round trip that reads them: the prediction is asserted at the head of the
 * one that writes, and a batch whose prediction fails there reads and goes on as any other (ADR 0045).
 * A crash between commit and publish is repaired by the redelivery, which finds every command already
 * handled and publishes the same answers again.
 */
@Component
class CommandBatchProcessor {

    private static final Logger log = LoggerFactory.getLogger(CommandBatchProcessor.class);

    private final RoomAccess roomAccess;
    private final RoomSequences roomSequences;
    private final BatchPredictions predictions;
    private final HandledCommands handledCommands;
    private final SendStep sends;
    private final EditStep edits;
    private final ReactionStep reactions;
    private final ReadMarkerStep readMarkers;
    private final RecentHistoryCache cache;
    private final EventPublisher publisher;
    private final CommandOutcomes outcomes;
    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Counter stored;
    private final Counter projectionWaits;
    private final Counter predictionsHeld;
    private final Counter predictionsFailed;

    CommandBatchProcessor(RoomAccess roomAccess, RoomSequences roomSequences, BatchPredictions predictions,
                          HandledCommands handledCommands,
                          SendStep sends, EditStep edits, ReactionStep reactions, ReadMarkerStep readMarkers, RecentHistoryCache cache,
                          EventPublisher publisher, CommandOutcomes outcomes, TransactionTemplate transaction,
                          JdbcClient jdbc, JdbcTemplate template, MeterRegistry meters) {
        this.roomAccess = roomAccess;
        this.roomSequences = roomSequences;
        this.predictions = predictions;
        this.handledCommands = handledCommands;
        this.sends = sends;
        this.edits = edits;
        this.reactions = reactions;
        this.readMarkers = readMarkers;
        this.cache = cache;
        this.publisher = publisher;
        this.outcomes = outcomes;
        this.transaction = transaction;
        this.jdbc = jdbc;
        this.template = template;
        this.stored = Counter.builder("parley.messages.persisted")
                .description("Messages stored, counted once committed (a redelivered or repeated send is not counted again)")
                .register(meters);
        this.projectionWaits = Counter.builder("parley.messages.projection.waits")
                .description("Command batches that waited for the room projection: a refusal that may only have meant "
                        + "it was behind (a send right after a join)")
                .register(meters);
        this.predictionsHeld = predictionCounter(meters, "held");
        this.predictionsFailed = predictionCounter(meters, "failed");
    }

    private static Counter predictionCounter(MeterRegistry meters, String outcome) {
        return Counter.builder("parley.messages.batches.predicted")
                .description("Command batches written on predicted reads in one round trip (ADR 0045): held, or "
                        + "failed and read again")
                .tag("outcome", outcome)
                .register(meters);
    }

    /**
     * @throws RuntimeException a transient failure (PostgreSQL or Kafka away): nothing of the batch is lost,
     *         the caller retries it whole, and what was committed is answered again as a duplicate
     */
    void process(List<MessageCommand> commands) {
        process(commands, CommandTraces.NONE);
    }

    /** The same, each command's answer published — and its refusal logged — within the command's trace. */
    void process(List<MessageCommand> commands, CommandTraces traces) {
        List<MessageCommand> answerable = commands.stream().filter(CommandBatchProcessor::isAnswerable).toList();
        if (answerable.isEmpty()) {
            return;
        }
        BatchResult result;
        try {
            result = write(answerable);
        } catch (RuntimeException e) {
            if (TransientFailures.isTransient(e) || !databaseAnswers()) {
                throw e;
            }
            if (answerable.size() > 1) {
                // Decide per command: the one that fails every time is refused, the others go through.
                log.warn("A batch of {} commands failed ({}); handling them one at a time", answerable.size(),
                        e.toString());
                answerable.forEach(command -> process(List.of(command), traces));
                return;
            }
            MessageCommand command = answerable.getFirst();
            traces.within(command.commandId(), () -> log.error("Refused {} {} of room {}: handling it fails every time",
                    EventCodec.eventType(command), command.commandId(), command.roomId(), e));
            result = BatchResult.refused(command, ErrorCode.INTERNAL);
        }
        deliver(result, traces);
    }

    /** The transaction alone: what a crash right after the commit leaves behind (tests use it so). */
    BatchResult write(List<MessageCommand> commands) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A command batch commits its own transaction: not inside another");
        }
        List<RoomUser> actors = commands.stream().map(CommandBatchProcessor::actor).filter(Objects::nonNull)
                .distinct().toList();
        List<UUID> roomIds = commands.stream().map(MessageCommand::roomId).distinct().sorted().toList();
        Optional<Prediction> prediction = predictions.predict(commands, actors, roomIds);
        if (prediction.isPresent()) {
            try {
                BatchResult result = transaction.execute(status -> apply(commands, false, predicted(commands, prediction.get())));
                predictionsHeld.increment();
                return result;
            } catch (RuntimeException e) {
                if (!Expectation.failed(e)) {
                    throw e;
                }
                // Nothing was written: the batch reads what it predicted, and goes on from there.
                predictionsFailed.increment();
                log.debug("A batch's prediction did not hold ({}); reading instead", e.getMessage());
            }
        }
        try {
            return transaction.execute(status -> attempt(commands, actors, roomIds, true));
        } catch (ProjectionMayBeBehind behind) {
            // A refusal may only mean the room projection is behind (the join-then-send race). Waited out with
            // the rooms unlocked: their other writers need not wait too. What it answers then stands.
            projectionWaits.increment();
            roomAccess.awaitProjection(behind.refused);
            return transaction.execute(status -> attempt(commands, actors, roomIds, false));
        }
    }

    private BatchResult attempt(List<MessageCommand> commands, List<RoomUser> actors, List<UUID> roomIds,
                                boolean mayAwaitProjection) {
        BatchReads reads = read(commands, actors, roomIds);
        if (reads.rooms().size() < roomIds.size()) {
            // A room's first batch creates its sequence row; everything is read again under all the locks.
            roomSequences.createRows(roomIds.stream().filter(room -> !reads.rooms().containsKey(room)).toList());
            return apply(commands, mayAwaitProjection, read(commands, actors, roomIds));
        }
        return apply(commands, mayAwaitProjection, reads);
    }

    private BatchResult apply(List<MessageCommand> commands, boolean mayAwaitProjection, BatchReads reads) {
        Map<RoomUser, Level> access = withinLockedRooms(Standing.levels(reads.standings()), reads.rooms());
        List<RoomUser> refused = RoomAccess.shortOfSending(access);
        if (mayAwaitProjection && !refused.isEmpty()) {
            throw new ProjectionMayBeBehind(refused); // rolls the transaction back: the locks go with it
        }
        // A predicted batch's expectations lead the first round trip, before anything is written.
        List<Query<Boolean>> expectations = new ArrayList<>(reads.expectations());
        CommandBatch batch = new CommandBatch(access, reads.rooms(), reads.handled(),
                planned -> {
                    RoundTrip inserts = expecting(expectations);
                    sends.inserts(planned).forEach(inserts::add);
                    inserts.run(template);
                });
        batch.storedBefore(reads.stored());
        readMarkers.prepare(ofType(commands, MarkRead.class), batch);
        for (MessageCommand command : commands) {
            Optional<HandledCommand> earlier = batch.handledBefore(command.commandId());
            if (earlier.isPresent()) {
                batch.republish(command, earlier.get());
                continue;
            }
            switch (command) {
                case SendMessage send -> sends.handle(send, batch);
                case EditMessage edit -> edits.edit(edit, batch);
                case DeleteMessage delete -> edits.delete(delete, batch);
                case MarkRead read -> readMarkers.handle(read, batch);
                case React react -> reactions.handle(react, batch);
            }
        }
        readMarkers.flush(batch);
        if (!expectations.isEmpty() && !batch.newlyHandled().isEmpty()) {
            throw new IllegalStateException("A predicted batch records nothing ahead of its expectations");
        }
        handledCommands.record(batch.newlyHandled());
        // The batch's last writes and its commit in one round trip: the sends still planned, the rooms' new
        // sequences, then the commit (the transaction template's own commit then has nothing left to send).
        RoundTrip writes = expecting(expectations);
        sends.inserts(batch.takePlannedSends()).forEach(writes::add);
        writes.add(roomSequences.save(batch.changedRooms()));
        BatchResult result = batch.result();
        writes.commit();
        writes.run(template);
        predictions.committed(reads.rooms().values());
        return result;
    }

    /** A round trip that starts with the expectations not sent yet. */
    private static RoundTrip expecting(List<Query<Boolean>> expectations) {
        RoundTrip trip = new RoundTrip();
        expectations.forEach(trip::add);
        expectations.clear();
        return trip;
    }

    /**
     * Nobody acts in a room without a locked sequence row. The access and the rows are read by two statements, so
     * a room the projection learns between {@link RoomSequences#createRows} and the read after it shows up in the
     * access but not in the rows: as far as this try goes it is not there yet, and the batch waits for the
     * projection and tries again, when its row is made.
     */
    private static Map<RoomUser, Level> withinLockedRooms(Map<RoomUser, Level> access, Map<UUID, RoomSequence> rooms) {
        Map<RoomUser, Level> within = new HashMap<>(access);
        within.replaceAll((pair, level) -> rooms.containsKey(pair.roomId()) ? level : Level.NONE);
        return within;
    }

    /**
     * What a batch starts from, in one round trip: the actors' access, then the rooms' locks, then, under them,
     * the commands handled and the sends stored before.
     */
    private BatchReads read(List<MessageCommand> commands, List<RoomUser> actors, List<UUID> roomIds) {
        RoundTrip trip = new RoundTrip();
        Supplier<Map<RoomUser, Standing>> standings = trip.add(roomAccess.standings(actors));
        Supplier<Map<UUID, RoomSequence>> rooms = trip.add(roomSequences.lock(roomIds));
        Supplier<Map<UUID, HandledCommand>> handled = trip.add(handledCommands.find(commandIds(commands)));
        Supplier<Map<SendKey, StoredSend>> stored = trip.add(sends.storedBefore(ofType(commands, SendMessage.class)));
        trip.run(template);
        predictions.read(standings.get());
        return new BatchReads(standings.get(), rooms.get(), handled.get(), stored.get(), List.of());
    }

    /**
     * What a batch would read, as predicted: nothing handled or stored before, and — asserted by the
     * expectations at the head of its one round trip — the rooms' sequences and the senders' standing. The rooms
     * are locked by the first of them, as {@link #read} locks them.
     */
    private BatchReads predicted(List<MessageCommand> commands, Prediction prediction) {
        return new BatchReads(prediction.standings(), prediction.rooms(), Map.of(), Map.of(),
                List.of(roomSequences.expect(prediction.rooms().values()),
                        roomAccess.expectStandings(prediction.standings()),
                        handledCommands.expectNone(commandIds(commands))));
    }

    /** @param expectations what must hold for the batch to write on these reads, none when they were read */
    private record BatchReads(Map<RoomUser, Standing> standings, Map<UUID, RoomSequence> rooms,
                              Map<UUID, HandledCommand> handled, Map<SendKey, StoredSend> stored,
                              List<Query<Boolean>> expectations) {
    }

    /** Some actors were refused on a first try: the transaction is rolled back and tried again after a catch-up. */
    private static final class ProjectionMayBeBehind extends RuntimeException {

        private final List<RoomUser> refused;

        ProjectionMayBeBehind(List<RoomUser> refused) {
            super(null, null, false, false);
            this.refused = refused;
        }
    }

    void deliver(BatchResult result, CommandTraces traces) {
        stored.increment(result.storedMessages());
        cache.apply(result.historyChanges());
        publisher.publishAll(result.events(), traces);
        result.outcomes().forEach(outcomes::complete);
    }

    private boolean databaseAnswers() {
        try {
            return jdbc.sql("select 1").query(Integer.class).single() == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean isAnswerable(MessageCommand command) {
        if (command.commandId() == null || command.roomId() == null) {
            log.warn("Skipped {} {} of room {}: without a command id and a room id nobody can be answered",
                    EventCodec.eventType(command), command.commandId(), command.roomId());
            return false;
        }
        return true;
    }

    private static List<UUID> commandIds(List<MessageCommand> commands) {
        return commands.stream().map(MessageCommand::commandId).distinct().toList();
    }

    private static RoomUser actor(MessageCommand command) {
        UUID user = switch (command) {
            case SendMessage send -> send.senderId();
            case EditMessage edit -> edit.senderId();
            case DeleteMessage delete -> delete.senderId();
            case MarkRead read -> read.userId();
            case React react -> react.userId();
        };
        return user == null ? null : new RoomUser(command.roomId(), user);
    }

    private static <C extends MessageCommand> List<C> ofType(List<MessageCommand> commands, Class<C> type) {
        return commands.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
