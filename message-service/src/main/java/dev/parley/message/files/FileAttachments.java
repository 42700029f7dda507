package dev.parley.message.files;

import dev.parley.events.message.MessageRules;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * What the message pipeline asks of attachments (contract §6): a send's {@code attachments} claimed by its
 * message, in the transaction that stores the message, and the files of stored messages. Statements join the
 * caller's transaction.
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
    public Optional<List<FileView>> claim(UUID uploaderId, List<UUID> fileIds, UUID roomId, UUID messageId) {
        if (!MessageRules.isAttachmentList(fileIds)) {
            return Optional.empty();
        }
        if (fileIds == null || fileIds.isEmpty()) {
            return Optional.of(List.of());
        }
        Map<UUID, FileView> claimed = store.claimAll(uploaderId, fileIds, roomId, messageId).stream()
                .collect(Collectors.toMap(FileView::id, Function.identity()));
        if (claimed.size() != fileIds.size()) {
            return Optional.empty();
        }
        return Optional.of(fileIds.stream().map(claimed::get).toList());
    }

    /** Each of these messages' files, in the order they were attached; a message without any is left out. */
    public Map<UUID, List<FileView>> attachedTo(Collection<UUID> messageIds) {
        if (messageIds.isEmpty()) {
            return Map.of();
        }
        return store.attachedTo(List.copyOf(messageIds)).stream().collect(Collectors.groupingBy(
                FileStore.AttachedFile::messageId, LinkedHashMap::new,
                Collectors.mapping(FileStore.AttachedFile::file, Collectors.toList())));
    }
}
