package dev.parley.gateway.api;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * How much of each user's or address's (or of the whole instance's, under one key) is at one stage at once in this
 * instance — uploads, bytes of bodies — up to a most. The first of a key always fits, whatever its amount; a key is kept only while it has some, so the map holds
 * no more keys than requests at that stage.
 */
final class InFlight {

    private final ConcurrentMap<String, Long> amounts = new ConcurrentHashMap<>();
    private final long most;

    InFlight(long most) {
        this.most = most;
    }

    long most() {
        return most;
    }

    /** Counts {@code amount} more for {@code key}, unless that would take it past its most: then false, nothing counted. */
    boolean enter(String key, long amount) {
        boolean[] entered = {false};
        amounts.compute(key, (any, now) -> {
            if (now != null && now + amount > most) {
                return now;
            }
            entered[0] = true;
            return now == null ? amount : now + amount;
        });
        return entered[0];
    }

    /** How much is counted for {@code key} now. */
    long amountOf(String key) {
        return amounts.getOrDefault(key, 0L);
    }

    /** Gives back what {@link #enter} counted. */
    void leave(String key, long amount) {
        amounts.computeIfPresent(key, (any, now) -> now <= amount ? null : now - amount);
    }
}
