package dev.parley.message.sending;

import java.util.List;
import java.util.UUID;

/**
 * {@code POST /api/rooms/{id}/messages}: checked by {@link MessageSending}, the contract's rules being code.
 * {@code threadRoot} and {@code attachments} are optional (contract §6).
 */
record SendRequest(String clientMsgId, String body, Long threadRoot, List<UUID> attachments) {

    SendRequest {
        attachments = attachments == null ? List.of() : attachments;
    }
}
