package dev.parley.message.commands;

import dev.parley.events.ErrorCode;

/** How the command consumer answered a command. */
public sealed interface CommandOutcome {

    /** Applied (or, for a read marker that would move backwards, deliberately ignored). */
    record Done() implements CommandOutcome {
    }

    /** Refused with a contract error code. */
    record Rejected(ErrorCode reason) implements CommandOutcome {
    }
}
