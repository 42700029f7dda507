package dev.parley.message.commands;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * HTTP requests of this instance waiting for their command's outcome. When this instance's consumer
 * handles the command, it completes the wait at once; otherwise the waiter finds it in the database.
 */
@Component
public class CommandOutcomes {

    private final Map<UUID, CompletableFuture<CommandOutcome>> waiting = new ConcurrentHashMap<>();

    CompletableFuture<CommandOutcome> expect(UUID commandId) {
        return waiting.computeIfAbsent(commandId, id -> new CompletableFuture<>());
    }

    void forget(UUID commandId) {
        waiting.remove(commandId);
    }

    /** Called by the consumer once the command's outcome is committed and its event published. */
    public void complete(UUID commandId, CommandOutcome outcome) {
        CompletableFuture<CommandOutcome> waiter = waiting.get(commandId);
        if (waiter != null) {
            waiter.complete(outcome);
        }
    }
}
