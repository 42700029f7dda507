package dev.parley.message.files;

import dev.parley.events.ErrorCode;
import dev.parley.events.message.Attachment;
import dev.parley.message.commands.Rejections;
import dev.parley.message.rooms.RoomAccess;
import dev.parley.platform.web.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * {@code GET /api/files/{id}}: a file is its uploader's, and — once a message has claimed it — also anyone's
 * who can read that room now (public or a member, not banned), unless the message has been deleted. To
 * everyone else, as for an id that is not one, it does not exist.
 */
@Service
class FileDownloads {

    private static final Logger log = LoggerFactory.getLogger(FileDownloads.class);

    private final FileStore store;
    private final FileStorage storage;
    private final RoomAccess roomAccess;

    FileDownloads(FileStore store, FileStorage storage, RoomAccess roomAccess) {
        this.store = store;
        this.storage = storage;
        this.roomAccess = roomAccess;
    }

    /** The file and its bytes, for the caller to close. */
    record Download(Attachment file, InputStream content) {
    }

    Download open(UUID callerId, String id) {
        StoredFile file = parse(id).flatMap(store::find).filter(found -> mayRead(callerId, found))
                .orElseThrow(FileDownloads::notFound);
        try {
            return new Download(file.view(), storage.open(file.storageKey()));
        } catch (NoSuchFileException e) {
            log.warn("File {} has a row but no stored bytes under {}", file.view().id(), file.storageKey());
            throw notFound();
        } catch (IOException e) {
            log.warn("Could not open file {}: {}", file.view().id(), e.toString());
            throw ApiException.unavailable("Files cannot be read right now; try again shortly.");
        }
    }

    private boolean mayRead(UUID callerId, StoredFile file) {
        return file.uploaderId().equals(callerId)
                || file.roomId() != null && !file.inDeletedMessage() && roomAccess.canRead(file.roomId(), callerId);
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ApiException notFound() {
        return Rejections.asApiException(ErrorCode.FILE_NOT_FOUND, "id");
    }
}
