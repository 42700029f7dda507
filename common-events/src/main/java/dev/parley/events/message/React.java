package dev.parley.events.message;

import java.util.UUID;

/**
 * Adds ({@code add}) or removes a reaction of {@code userId} to the message {@code seq} (contract §6):
 * idempotent either way, answered by {@link ReactionAdded} / {@link ReactionRemoved} when it changed
 * something.
 */
public record React(UUID commandId, UUID roomId, UUID userId, long seq, String emoji, boolean add, Origin origin)
        implements MessageCommand {
}
