package dev.parley.message.commands;

import dev.parley.events.ErrorCode;
import dev.parley.events.message.MessageEvent;
import dev.parley.events.message.MessageRejected;
import java.util.UUID;

/**
 * A command the consumer has answered, kept so that a redelivery republishes the same event instead of
 * applying the command twice. {@code event} is null when nothing was published (a read marker that did
 * not move, a delete of a message already deleted).
 */
public record HandledCommand(UUID commandId, UUID roomId, Outcome outcome, ErrorCode reason,
                             MessageEvent event) {

    public enum Outcome { APPLIED, IGNORED, REJECTED }

    public CommandOutcome asOutcome() {
        if (outcome != Outcome.REJECTED) {
            return new CommandOutcome.Done();
        }
        return new CommandOutcome.Rejected(reason, event instanceof MessageRejected rejected ? rejected.field() : null);
    }
}
