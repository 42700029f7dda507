package dev.parley.gateway.ws.subscription;

import dev.parley.gateway.ws.membership.LocalRoomInterest;
import dev.parley.gateway.ws.metrics.GatewayMetrics;
import dev.parley.gateway.ws.session.ClientSession;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/** Which local sessions follow which room: the index the fan-out reads for every event. */
@Component
public class RoomSubscriptions implements LocalRoomInterest {

    private final Map<UUID, Set<Subscription>> byRoom = new ConcurrentHashMap<>();
    private final Map<String, Map<UUID, Subscription>> bySession = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();

    RoomSubscriptions(GatewayMetrics metrics) {
        metrics.gauge("parley.ws.subscriptions", "Room subscriptions held by this instance", count::get);
    }

    /** The subscriptions to a room; empty when no local session follows it. */
    public Collection<Subscription> of(UUID roomId) {
        Set<Subscription> subscriptions = byRoom.get(roomId);
        return subscriptions == null ? Set.of() : subscriptions;
    }

    @Override
    public boolean isFollowed(UUID roomId) {
        return byRoom.containsKey(roomId);
    }

    /** Ends a subscription (already told why) and forgets it. */
    public void remove(Subscription subscription) {
        Map<UUID, Subscription> rooms = bySession.get(subscription.session().id());
        if (rooms != null && rooms.remove(subscription.roomId(), subscription)) {
            count.decrementAndGet();
        }
        removeFromRoom(subscription);
    }

    int countOf(ClientSession session) {
        Map<UUID, Subscription> rooms = bySession.get(session.id());
        return rooms == null ? 0 : rooms.size();
    }

    boolean follows(ClientSession session, UUID roomId) {
        Map<UUID, Subscription> rooms = bySession.get(session.id());
        return rooms != null && rooms.containsKey(roomId);
    }

    /**
     * Registers a subscription being opened: from now on it gets (and holds back) the room's pushes. The
     * session's subscription to the same room, if it has one, holds its pushes back too, and stays the session's
     * until {@link #accept} replaces it or {@link #refuse} resumes it.
     */
    void add(Subscription subscription) {
        Map<UUID, Subscription> rooms = bySession.computeIfAbsent(subscription.session().id(),
                id -> new ConcurrentHashMap<>());
        Subscription current = rooms.putIfAbsent(subscription.roomId(), subscription);
        if (current == null) {
            count.incrementAndGet();
        } else {
            current.holdBack();
        }
        byRoom.compute(subscription.roomId(), (roomId, subscriptions) -> {
            Set<Subscription> set = subscriptions == null ? ConcurrentHashMap.newKeySet() : subscriptions;
            set.add(subscription);
            return set;
        });
    }

    /** The subscription was accepted: it replaces (and ends) the session's previous one to the room. */
    void accept(Subscription subscription) {
        Map<UUID, Subscription> rooms = bySession.get(subscription.session().id());
        Subscription previous = rooms == null ? null : rooms.put(subscription.roomId(), subscription);
        if (previous != null && previous != subscription) {
            previous.end(null);
            removeFromRoom(previous);
        }
    }

    /** The subscription was refused (the client was told why): it goes, and the previous one, if any, carries on. */
    void refuse(Subscription subscription) {
        remove(subscription);
        subscription.end(null);
        Map<UUID, Subscription> rooms = bySession.get(subscription.session().id());
        Subscription previous = rooms == null ? null : rooms.get(subscription.roomId());
        if (previous != null) {
            previous.resume();
        }
    }

    void remove(ClientSession session, UUID roomId) {
        Map<UUID, Subscription> rooms = bySession.get(session.id());
        Subscription subscription = rooms == null ? null : rooms.remove(roomId);
        if (subscription != null) {
            count.decrementAndGet();
            subscription.end(null);
            removeFromRoom(subscription);
        }
    }

    void removeAll(ClientSession session) {
        Map<UUID, Subscription> rooms = bySession.remove(session.id());
        if (rooms != null) {
            count.addAndGet(-rooms.size());
            rooms.values().forEach(subscription -> {
                subscription.end(null);
                removeFromRoom(subscription);
            });
        }
    }

    private void removeFromRoom(Subscription subscription) {
        byRoom.computeIfPresent(subscription.roomId(), (roomId, subscriptions) -> {
            subscriptions.remove(subscription);
            return subscriptions.isEmpty() ? null : subscriptions;
        });
    }
}
