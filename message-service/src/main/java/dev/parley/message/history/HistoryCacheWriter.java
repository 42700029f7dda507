package dev.parley.message.history;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Brings the cache up to date off the command path: a batch hands over its committed changes and goes on
 * to publish its events, so a send's ack never waits on Redis, and a stalled Redis holds up only this
 * thread. What arrives within {@code write-delay} of the first change is written together: each room's
 * consecutive changes merged into one, all rooms in one pipeline. A late or lost update is safe while PostgreSQL
 * answers: a page is served from the cache only at the version PostgreSQL reports, and a reader refills it
 * otherwise; a full queue drops changes for the same reason. While PostgreSQL is away the cache is read at its own
 * version ({@link MessageHistory}), so a room whose change did not reach Redis — the queue was full, Redis failed or
 * was left alone — is taken out of it as soon as Redis answers again: the cache holds a room as committed, or not.
 */
@Component
class HistoryCacheWriter implements AutoCloseable {

    private static final int QUEUE_CAPACITY = 10_000;
    /** Beyond this many rooms whose changes were missed, every room is taken out of the cache instead. */
    private static final int MAX_MISSED_ROOMS = 100_000;

    private final HistoryCacheScripts redis;
    private final RecentHistoryProperties properties;
    private final CacheBackoff backoff;
    private final BlockingQueue<RoomHistoryChange> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Counter dropped;
    /** Rooms with a committed change Redis may not have; taken out of it once it answers. */
    private final Set<UUID> missedRooms = ConcurrentHashMap.newKeySet();
    private volatile boolean missedTooMany;
    private final Thread thread;
    private volatile boolean running = true;

    HistoryCacheWriter(HistoryCacheScripts redis, RecentHistoryProperties properties, CacheBackoff backoff,
                       MeterRegistry meters) {
        this.redis = redis;
        this.properties = properties;
        this.backoff = backoff;
        this.dropped = Counter.builder("parley.history.cache.updates.dropped")
                .description("Committed changes the cache writer could not queue (readers refill those rooms)")
                .register(meters);
        this.thread = Thread.ofPlatform().name("history-cache-writer").daemon().start(this::run);
    }

    void submit(Collection<RoomHistoryChange> changes) {
        for (RoomHistoryChange change : changes) {
            if (!queue.offer(change)) {
                dropped.increment();
                missed(change.roomId());
            }
        }
    }

    /** Changes that will not be written (Redis is left alone): their rooms are taken out once it answers. */
    void missed(Collection<RoomHistoryChange> changes) {
        changes.forEach(change -> missed(change.roomId()));
    }

    private void run() {
        while (running) {
            List<RoomHistoryChange> gathered = new ArrayList<>();
            try {
                RoomHistoryChange first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    dropMissedRooms();
                    continue;
                }
                gathered.add(first);
                Thread.sleep(properties.writeDelay());
            } catch (InterruptedException e) {
                running = false; // closing: what was gathered is still written below
            }
            queue.drainTo(gathered);
            write(gathered);
        }
    }

    private void write(List<RoomHistoryChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        if (!backoff.available()) {
            missed(changes);
            return;
        }
        dropMissedRooms();
        try {
            redis.apply(merged(changes), properties.size(), properties.ttl());
        } catch (DataAccessException e) {
            // some of the pipeline's scripts may have run: none is known to have
            missed(changes);
            backoff.leaveAlone(e);
        }
    }

    private void missed(UUID roomId) {
        if (missedRooms.size() < MAX_MISSED_ROOMS) {
            missedRooms.add(roomId);
        } else {
            missedTooMany = true;
        }
    }

    /** Takes the rooms whose changes were missed out of the cache, when there are any and Redis may be asked. */
    private void dropMissedRooms() {
        if (missedRooms.isEmpty() && !missedTooMany || !backoff.available()) {
            return;
        }
        boolean all = missedTooMany;
        missedTooMany = false;
        // taken out of the set first: a room missed again meanwhile is added back, and dropped the next time
        List<UUID> rooms = List.copyOf(missedRooms);
        rooms.forEach(missedRooms::remove);
        try {
            if (all) {
                redis.dropAll();
            } else {
                redis.drop(rooms);
            }
        } catch (DataAccessException e) {
            missedTooMany |= all;
            rooms.forEach(this::missed);
            backoff.leaveAlone(e);
        }
    }

    /** Each room's changes in their order, every run of consecutive versions as one change. */
    static List<RoomHistoryChange> merged(List<RoomHistoryChange> changes) {
        Map<UUID, List<RoomHistoryChange>> byRoom = new LinkedHashMap<>();
        for (RoomHistoryChange change : changes) {
            List<RoomHistoryChange> room = byRoom.computeIfAbsent(change.roomId(), id -> new ArrayList<>());
            Optional<RoomHistoryChange> joined = room.isEmpty() ? Optional.empty() : room.getLast().followedBy(change);
            if (joined.isPresent()) {
                room.set(room.size() - 1, joined.get());
            } else {
                room.add(change);
            }
        }
        return byRoom.values().stream().flatMap(List::stream).toList();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(properties.writeDelay().plusSeconds(2).toMillis());
    }
}
