package dev.parley.message.files;

import dev.parley.events.message.Attachment;
import dev.parley.events.message.MessageRules;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * What the message pipeline asks of attachments (contract §6): a send's {@code attachments} claimed by its
 * message, in the transaction that stores the message (which keeps a copy of the files' {@link Attachment}s,
 * as they never change). Statements join the caller's transaction.
 */
@Component
public class FileAttachments {

    private final FileStore store;

    FileAttachments(FileStore store) {
        this.store = store;
    }

    /**
     * Attaches the files to the message, in this order — all of them or none: each must exist, have been
     * uploaded by {@code uploaderId} and not be attached to any message yet; the list must follow
     * {@link MessageRules#attachmentsProblem} (at most {@value MessageRules#MAX_ATTACHMENTS}, no repeats).
     *
     * @return the files in the order of {@code fileIds}; empty when the send must be refused with
     *         {@code validation_failed} field {@code attachments} (then nothing was attached)
     */
    public Optional<List<Attachment>> claim(UUID uploaderId, List<UUID> fileIds, UUID roomId, UUID messageId) {
        if (!MessageRules.isAttachmentList(fileIds)) {
            return Optional.empty();
        }
        if (fileIds == null || fileIds.isEmpty()) {
            return Optional.of(List.of());
        }
        Map<UUID, Attachment> claimed = store.claimAll(uploaderId, fileIds, roomId, messageId).stream()
                .collect(Collectors.toMap(Attachment::id, Function.identity()));
        if (claimed.size() != fileIds.size()) {
            return Optional.empty();
        }
        return Optional.of(fileIds.stream().map(claimed::get).toList());
    }
}
