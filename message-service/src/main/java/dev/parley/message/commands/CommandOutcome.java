package dev.parley.message.commands;

/** How the command consumer answered a command. */
public sealed interface CommandOutcome {

    /** Applied (or, for a read marker that would move backwards, deliberately ignored). */
    record Done() implements CommandOutcome {
    }

    /** Refused with a contract error code ({@code not_member}, {@code message_not_found}, …). */
    record Rejected(String reason) implements CommandOutcome {
    }
}
