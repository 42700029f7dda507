package dev.parley.events.presence;

import dev.parley.events.ParleyEvent;
import java.util.UUID;

/** Cluster-level presence transitions on {@code parley.presence-events.v1}, keyed by user id. */
public sealed interface PresenceEvent extends ParleyEvent permits UserOnline, UserOffline {

    UUID userId();

    @Override
    default String key() {
        return userId().toString();
    }
}
