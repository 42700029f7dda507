package dev.parley.gateway.ws.membership;

import java.util.UUID;

/** Whether a session of this instance follows a room: such rooms keep their membership knowledge. */
@FunctionalInterface
public interface LocalRoomInterest {

    boolean isFollowed(UUID roomId);
}
