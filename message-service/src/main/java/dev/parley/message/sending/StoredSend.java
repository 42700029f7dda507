package dev.parley.message.sending;

import java.util.UUID;

/**
 * A send's message with the command that stored it ({@code null} for messages stored before it was kept), so that
 * a client's resend of the same {@code clientMsgId} can be told from the same command delivered again.
 */
public record StoredSend(MessageView message, UUID commandId) {

    /**
     * Whether {@code command} resends this message: another command with its key. The command that stored it,
     * delivered again, is no resend, and neither is any command for a message whose command is not known.
     */
    public boolean isResentBy(UUID command) {
        return commandId != null && !commandId.equals(command);
    }
}
