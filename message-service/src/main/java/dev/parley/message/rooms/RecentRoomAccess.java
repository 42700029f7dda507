package dev.parley.message.rooms;

import dev.parley.events.room.MemberJoined;
import dev.parley.events.room.MemberLeft;
import dev.parley.events.room.MemberRoleChanged;
import dev.parley.events.room.RoomCreated;
import dev.parley.events.room.RoomDeleted;
import dev.parley.events.room.RoomEvent;
import dev.parley.events.room.RoomUpdated;
import dev.parley.events.room.UserBanned;
import dev.parley.events.room.UserUnbanned;
import dev.parley.message.rooms.RoomAccess.Level;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Who may read a room when PostgreSQL — and so the room projection — cannot be asked: the answers the projection
 * gave on this instance lately, as long as nothing has changed them since. What changes them is known from the room
 * events themselves, which every instance watches on its own ({@link RoomAccessWatch}), whichever instance's
 * projection applies them and whether PostgreSQL takes them or not.
 *
 * <p>An answer stands when it is at most {@code max-age} old, this instance has watched the room events without a
 * gap since {@code projection-lag} before it was given, and no event of its user in its room (joined, left, kicked,
 * banned, unbanned, role changed) nor of the whole room (updated, deleted) was seen from {@code projection-lag}
 * before it was given on. A ban seen on the events answers "no" by itself, until an unban is seen. Anything else is
 * not known: the caller answers as if PostgreSQL were asked and failed.
 */
@Component
public class RecentRoomAccess {

    /** Beyond this many remembered answers, new ones are not remembered (and so unknown without PostgreSQL). */
    private static final int MAX_ANSWERS = 100_000;

    private final RoomAccess access;
    private final long maxAge;
    private final long projectionLag;
    private final Map<RoomUser, Answer> answers = new ConcurrentHashMap<>();
    /** When an event of the user in the room, or of the whole room, was last seen ({@link System#nanoTime()}). */
    private final Map<RoomUser, Long> userChanges = new ConcurrentHashMap<>();
    private final Map<UUID, Long> roomChanges = new ConcurrentHashMap<>();
    /** Bans seen on the events and not lifted since, by when they were seen. */
    private final Map<RoomUser, Long> bans = new ConcurrentHashMap<>();
    /** Since when the events are watched without a gap; null while they are not. */
    private volatile Long watchedSince;

    RecentRoomAccess(RoomAccess access, RecentAccessProperties properties) {
        this.access = access;
        this.maxAge = properties.maxAge().toNanos();
        this.projectionLag = properties.projectionLag().toNanos();
    }

    private record Answer(Level level, long askedAt) {
    }

    /** {@link RoomAccess#check}, remembered for when PostgreSQL cannot be asked. */
    public Level check(UUID roomId, UUID userId, Level needed) {
        long askedAt = System.nanoTime();
        Level level = access.check(roomId, userId, needed);
        RoomUser pair = new RoomUser(roomId, userId);
        if (answers.size() < MAX_ANSWERS || answers.containsKey(pair)) {
            answers.put(pair, new Answer(level, askedAt));
        }
        return level;
    }

    /** The user's level in the room as far as it is known without PostgreSQL; empty when it is not. */
    public Optional<Level> recalled(UUID roomId, UUID userId) {
        Long since = watchedSince;
        if (since == null) {
            return Optional.empty();
        }
        RoomUser pair = new RoomUser(roomId, userId);
        if (bans.containsKey(pair)) {
            return Optional.of(Level.NONE);
        }
        Answer answer = answers.get(pair);
        if (answer == null || System.nanoTime() - answer.askedAt() > maxAge) {
            return Optional.empty();
        }
        long trustedFrom = answer.askedAt() - projectionLag;
        if (trustedFrom - since < 0 || seenSince(userChanges.get(pair), trustedFrom)
                || seenSince(roomChanges.get(roomId), trustedFrom)) {
            return Optional.empty();
        }
        return Optional.of(answer.level());
    }

    /** A room event as this instance's watch sees it. */
    void seen(RoomEvent event) {
        long now = System.nanoTime();
        switch (event) {
            case UserBanned banned -> {
                RoomUser pair = new RoomUser(banned.roomId(), banned.userId());
                userChanges.put(pair, now);
                bans.put(pair, now);
            }
            case UserUnbanned unbanned -> {
                RoomUser pair = new RoomUser(unbanned.roomId(), unbanned.userId());
                bans.remove(pair);
                userChanges.put(pair, now);
            }
            case MemberJoined joined -> userChanges.put(new RoomUser(joined.roomId(), joined.userId()), now);
            case MemberLeft left -> userChanges.put(new RoomUser(left.roomId(), left.userId()), now);
            case MemberRoleChanged changed -> userChanges.put(new RoomUser(changed.roomId(), changed.userId()), now);
            // every answer about the room: it exists now, its visibility changed, it is gone
            case RoomCreated created -> roomChanges.put(created.roomId(), now);
            case RoomUpdated updated -> roomChanges.put(updated.roomId(), now);
            case RoomDeleted deleted -> roomChanges.put(deleted.roomId(), now);
        }
    }

    /** The watch has begun, or begun again after a gap: nothing known from before it counts. */
    void watching() {
        watchedSince = System.nanoTime();
        answers.clear();
        userChanges.clear();
        roomChanges.clear();
        bans.clear();
    }

    /** The watch has stopped, or lost its place: until it begins again nothing is known. */
    void notWatching() {
        watchedSince = null;
    }

    /**
     * Forgets what can no longer count: answers past {@code max-age}, and events (bans too) seen before the oldest
     * answer that still stands could have been given, less {@code projection-lag}.
     */
    @Scheduled(fixedDelay = 30, timeUnit = TimeUnit.SECONDS)
    void forgetOld() {
        long now = System.nanoTime();
        answers.values().removeIf(answer -> now - answer.askedAt() > maxAge);
        long eventsKept = maxAge + projectionLag;
        userChanges.values().removeIf(seenAt -> now - seenAt > eventsKept);
        roomChanges.values().removeIf(seenAt -> now - seenAt > eventsKept);
        bans.values().removeIf(seenAt -> now - seenAt > eventsKept);
    }

    private static boolean seenSince(Long seenAt, long from) {
        return seenAt != null && seenAt - from >= 0;
    }
}
