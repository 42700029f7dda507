package dev.parley.events.message;

import java.time.Instant;
import java.util.UUID;

/**
 * A thread root's reply count and last reply changed (contract §6): published after the reply's
 * {@link MessagePosted}, in the room's order.
 */
public record ThreadUpdated(UUID roomId, long seq, int replyCount, Instant lastReplyAt) implements MessageEvent {
}
