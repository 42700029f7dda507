package dev.parley.message.files;

import dev.parley.events.message.Attachment;
import java.util.UUID;

/**
 * A row of {@code files} as downloads need it: the file, who uploaded it, where its bytes are, and the room
 * of the message it is attached to ({@code null} until it is).
 */
record StoredFile(Attachment view, UUID uploaderId, String storageKey, UUID roomId, boolean inDeletedMessage) {
}
