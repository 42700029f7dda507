package dev.parley.gateway.ws.fanout;

import dev.parley.events.presence.PresenceEvent;
import dev.parley.events.presence.UserOffline;
import dev.parley.events.presence.UserOnline;
import dev.parley.gateway.ws.presence.PresenceRoster;
import dev.parley.gateway.ws.protocol.FrameWriter;
import dev.parley.gateway.ws.protocol.OutboundFrame;
import dev.parley.gateway.ws.protocol.ServerFrame;
import dev.parley.gateway.ws.subscription.RoomSubscriptions;
import dev.parley.gateway.ws.subscription.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Presence transitions (from any gateway) become {@code presence} pushes: to each room this instance
 * has subscribers of and that the user is a known member of (the cluster roster). Transitions of one
 * user may be published by different gateways, so they can arrive out of order; each carries Redis's
 * time, and one older than the last seen for the user is dropped.
 */
@Service
class PresenceFanout {

    private static final Duration REMEMBER = Duration.ofMinutes(10);

    private final PresenceRoster roster;
    private final RoomSubscriptions subscriptions;
    private final FrameWriter writer;
    private final Map<UUID, Instant> lastTransition = new ConcurrentHashMap<>();

    PresenceFanout(PresenceRoster roster, RoomSubscriptions subscriptions, FrameWriter writer) {
        this.roster = roster;
        this.subscriptions = subscriptions;
        this.writer = writer;
    }

    void dispatch(PresenceEvent event) {
        Instant at = switch (event) {
            case UserOnline online -> online.at();
            case UserOffline offline -> offline.at();
        };
        if (at != null && !isNewest(event.userId(), at)) {
            return;
        }
        String status = event instanceof UserOnline ? "online" : "offline";
        for (UUID roomId : roster.roomsOf(event.userId())) {
            Collection<Subscription> followers = subscriptions.of(roomId);
            if (!followers.isEmpty()) {
                OutboundFrame push = writer.write(new ServerFrame.PresencePush(roomId, event.userId(), status));
                followers.forEach(subscription -> subscription.deliver(push));
            }
        }
    }

    private boolean isNewest(UUID userId, Instant at) {
        Instant[] previous = {null};
        lastTransition.merge(userId, at, (old, now) -> {
            previous[0] = old;
            return now.isAfter(old) ? now : old;
        });
        return previous[0] == null || !at.isBefore(previous[0]);
    }

    @Scheduled(fixedDelayString = "PT1M")
    void forgetOldTransitions() {
        Instant cutoff = Instant.now().minus(REMEMBER);
        lastTransition.values().removeIf(at -> at.isBefore(cutoff));
    }
}
