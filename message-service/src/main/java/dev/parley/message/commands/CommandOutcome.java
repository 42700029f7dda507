package dev.parley.message.commands;

import dev.parley.events.ErrorCode;

/** How the command consumer answered a command. */
public sealed interface CommandOutcome {

    /** Applied (or, for a read marker that would move backwards, deliberately ignored). */
    record Done() implements CommandOutcome {
    }

    /**
     * Refused with a contract error code; {@code field} is the command's field the refusal is about, as the
     * refusing rule named it (null when it is about no field).
     */
    record Rejected(ErrorCode reason, String field) implements CommandOutcome {

        /** The field, or {@code fallback} for a refusal recorded before refusals named their field. */
        public String fieldOr(String fallback) {
            return field == null ? fallback : field;
        }
    }
}
