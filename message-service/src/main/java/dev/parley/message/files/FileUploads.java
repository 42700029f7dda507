package dev.parley.message.files;

import dev.parley.events.ErrorCode;
import dev.parley.events.message.Attachment;
import dev.parley.platform.web.ApiException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * {@code POST /api/files}: the one part named {@code file} is streamed into storage — its type sniffed from its
 * first bytes on the way, its size limited while it streams — and recorded as the uploader's, attached to
 * nothing yet — within the uploader's {@link UploadQuota}. Whatever goes wrong, nothing stored remains.
 */
@Service
class FileUploads {

    static final String FIELD = "file";
    private static final Logger log = LoggerFactory.getLogger(FileUploads.class);

    private final FileStorage storage;
    private final UploadQuota quota;
    private final ContentSniffer sniffer;
    private final FilesProperties properties;

    FileUploads(FileStorage storage, UploadQuota quota, ContentSniffer sniffer, FilesProperties properties) {
        this.storage = storage;
        this.quota = quota;
        this.sniffer = sniffer;
        this.properties = properties;
    }

    Attachment upload(UUID uploaderId, UploadForm form) {
        Attachment stored = null;
        try {
            form.open(properties.maxSize().toBytes());
            quota.requireRoom(uploaderId);
            for (Optional<UploadForm.Part> part = form.next(); part.isPresent(); part = form.next()) {
                if (!FIELD.equals(part.get().fieldName())) {
                    continue; // read past by the next one
                }
                if (stored != null) {
                    throw ApiException.invalid(FIELD, "exactly one part named file");
                }
                stored = store(part.get());
            }
            if (stored == null) {
                throw ApiException.invalid(FIELD, "a part named file is required");
            }
            quota.record(stored, uploaderId, keyOf(stored.id()));
            log.debug("Stored file {} ({} bytes, {}) for {}", stored.id(), stored.size(), stored.contentType(), uploaderId);
            return stored;
        } catch (IOException | RuntimeException e) {
            discard(stored);
            throw refusal(e);
        }
    }

    /** Streams the part into storage; its id and type are decided on the way, its size at the end. */
    private Attachment store(UploadForm.Part part) throws IOException {
        UUID id = UUID.randomUUID();
        BufferedInputStream content = new BufferedInputStream(part.content(), ContentSniffer.HEAD_BYTES);
        String contentType = sniffer.sniff(content);
        content.mark(1);
        if (content.read() < 0) {
            throw ApiException.invalid(FIELD, "the file is empty");
        }
        content.reset();
        long size = storage.write(keyOf(id), content);
        return new Attachment(id, FileNames.sanitise(part.fileName()), contentType, size,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    private RuntimeException refusal(Exception e) {
        return switch (e) {
            case ApiException answered -> answered;
            case RuntimeException unexpected -> unexpected;
            case UploadForm.TooLarge tooLarge -> new ApiException(HttpStatus.CONTENT_TOO_LARGE, ErrorCode.FILE_TOO_LARGE,
                    "A file may hold at most " + properties.maxSize().toBytes() + " bytes.");
            case UploadForm.Unreadable unreadable ->
                    ApiException.invalid(FIELD, "not a complete multipart/form-data body");
            default -> {
                log.warn("Could not store an upload: {}", e.toString());
                yield ApiException.unavailable("Files cannot be stored right now; try again shortly.");
            }
        };
    }

    private void discard(Attachment stored) {
        if (stored == null) {
            return;
        }
        try {
            storage.delete(keyOf(stored.id()));
        } catch (IOException e) {
            log.warn("Could not delete the stored object of refused upload {}; it has no row and is unreachable",
                    stored.id(), e);
        }
    }

    /** A file's bytes are stored under its id. */
    static String keyOf(UUID fileId) {
        return fileId.toString();
    }
}
