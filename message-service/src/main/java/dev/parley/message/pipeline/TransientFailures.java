package dev.parley.message.pipeline;

import dev.parley.message.events.EventNotPublishedException;
import dev.parley.platform.jdbc.DatabaseFailures;

/** Failures that say nothing about the commands: PostgreSQL or Kafka away, a lock conflict. The batch waits. */
final class TransientFailures {

    private TransientFailures() {
    }

    static boolean isTransient(Throwable failure) {
        if (DatabaseFailures.isTransient(failure)) {
            return true;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof EventNotPublishedException) {
                return true;
            }
        }
        return false;
    }
}
