package dev.parley.events.user;

import dev.parley.events.ParleyEvent;
import java.util.UUID;

/** Events on {@code parley.user-events.v1}, keyed by user id, kept forever. */
public sealed interface UserEvent extends ParleyEvent permits UserRegistered, UserUpdated {

    UUID userId();

    @Override
    default String key() {
        return userId().toString();
    }
}
