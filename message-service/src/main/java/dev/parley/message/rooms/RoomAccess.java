package dev.parley.message.rooms;

import dev.parley.events.ErrorCode;
import dev.parley.message.jdbc.Query;
import dev.parley.message.jdbc.RoundTrip;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a user may do in a room, as far as message-service knows from room-service's events. A negative
 * answer is only given once the projection has caught up with every room event published before the
 * question (bounded wait), so a user who has just joined is not refused.
 */
public interface RoomAccess {

    /** Ordered: each level allows what the previous ones allow. */
    enum Level {
        /**
         * Unknown or deleted room, a private room the user is not a member of, or a room the user is
         * banned from (public or not, contract §7): it does not exist for them.
         */
        NONE,
        /** A public room the user is not a member of: read, but not send. */
        READ,
        /** A member. */
        SEND,
        /** The room's owner or an admin: may also delete other members' messages. */
        MODERATE;

        public boolean allows(Level needed) {
            return compareTo(needed) >= 0;
        }

        /** Why a user at this level may not act as a member (send, mark read); empty when they may. */
        public Optional<ErrorCode> refusalToSend() {
            return switch (this) {
                case NONE -> Optional.of(ErrorCode.ROOM_NOT_FOUND);
                case READ -> Optional.of(ErrorCode.NOT_MEMBER);
                case SEND, MODERATE -> Optional.empty();
            };
        }
    }

    /** The user's level in the room; when it is short of {@code needed}, asked again after catching up. */
    Level check(UUID roomId, UUID userId, Level needed);

    /**
     * The levels of many (room, user) pairs as one query, to run in a {@link RoundTrip} with others. Unlike
     * {@link #check} it does not catch up: a pair {@link #shortOfSending} may only mean the projection is behind,
     * which {@link #awaitProjection} waits out before the caller asks again.
     */
    default Query<Map<RoomUser, Level>> levels(Collection<RoomUser> pairs) {
        return standings(pairs).map(Standing::levels);
    }

    /** What the {@link #levels} of these pairs follow from, as one query: every pair is in the answer. */
    Query<Map<RoomUser, Standing>> standings(Collection<RoomUser> pairs);

    /**
     * Asserts, in the caller's transaction, that these pairs still stand as given — each in a room that exists —
     * failing the transaction if one does not ({@link dev.parley.message.jdbc.Expectation}).
     */
    Query<Boolean> expectStandings(Map<RoomUser, Standing> standings);

    /** Waits, bounded, until the projection has applied every event of these pairs' rooms published before now. */
    void awaitProjection(Collection<RoomUser> refused);

    /** The pairs that may not send: where an answer of {@link #levels} may have come from a projection behind. */
    static List<RoomUser> shortOfSending(Map<RoomUser, Level> levels) {
        return levels.entrySet().stream().filter(entry -> !entry.getValue().allows(Level.SEND))
                .map(Map.Entry::getKey).toList();
    }

    /**
     * Every room the user can read now (not deleted; public or theirs; not banned from): what a search over
     * all of their rooms looks in.
     */
    List<UUID> readableRooms(UUID userId);

    default boolean canRead(UUID roomId, UUID userId) {
        return check(roomId, userId, Level.READ).allows(Level.READ);
    }

    default boolean canSend(UUID roomId, UUID userId) {
        return check(roomId, userId, Level.SEND).allows(Level.SEND);
    }
}
