package dev.parley.message.threads;

import dev.parley.events.ErrorCode;
import dev.parley.message.sending.MessageView;
import java.util.Optional;

/**
 * Who may be replied to (contract §6), for the command consumer and the HTTP pre-check alike: a top-level
 * message of the room. An unknown seq is {@code message_not_found} (over WebSocket {@code validation_failed});
 * a reply to a reply is {@code validation_failed} (field {@code threadRoot}).
 */
public final class ThreadRules {

    private ThreadRules() {
    }

    /** @param root the message the reply names, if the room has it */
    public static Optional<ErrorCode> refuseReply(Optional<MessageView> root) {
        if (root.isEmpty()) {
            return Optional.of(ErrorCode.MESSAGE_NOT_FOUND);
        }
        return root.get().threadRoot() == null ? Optional.empty() : Optional.of(ErrorCode.VALIDATION_FAILED);
    }
}
