package dev.parley.message.files;

import dev.parley.events.message.Attachment;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How much one user may upload ({@link FilesProperties.Quota}): without a bound, a client posting files in a loop
 * fills the storage — each upload up to {@code max-size}, kept a day when no message claims it, forever when one
 * does. Counted from the {@code files} table, so every instance sees the same usage.
 *
 * <p>Checked twice: before the body is read, refusing at once an uploader who has no room left (nothing is written);
 * then, with the file's size known, in the transaction that records it, under the uploader's lock — so that
 * concurrent uploads of one user are counted one after another and never pass the quota together. A file refused
 * there is deleted by {@link FileUploads}, like any other refused upload.
 */
@Component
class UploadQuota {

    private final FileStore store;
    private final TransactionTemplate transaction;
    private final FilesProperties properties;

    UploadQuota(FileStore store, TransactionTemplate transaction, FilesProperties properties) {
        this.store = store;
        this.transaction = transaction;
        this.properties = properties;
    }

    /** Refuses an uploader who could not store even one more byte. */
    void requireRoom(UUID uploaderId) {
        Instant now = Instant.now();
        check(store.usageOf(uploaderId, now.minus(properties.quota().window())), 1, now);
    }

    /** Records the stored file as the uploader's, if it fits within their quota. */
    void record(Attachment file, UUID uploaderId, String storageKey) {
        transaction.executeWithoutResult(status -> {
            store.lockUploader(uploaderId);
            Instant now = Instant.now();
            check(store.usageOf(uploaderId, now.minus(properties.quota().window())), file.size(), now);
            store.insert(file, uploaderId, storageKey);
        });
    }

    private void check(UploadUsage usage, long size, Instant now) {
        FilesProperties.Quota quota = properties.quota();
        if (usage.recentUploads() >= quota.maxUploads()) {
            throw new UploadQuotaExceeded("At most " + quota.maxUploads() + " uploads per " + quota.window()
                    + " are taken from one user.", until(usage.oldestRecent().plus(quota.window()), now));
        }
        if (usage.unattachedBytes() + size > quota.maxUnattached().toBytes()) {
            throw new UploadQuotaExceeded("Uploads not attached to a message may hold at most "
                    + quota.maxUnattached().toBytes() + " bytes per user: attach some, or wait until the oldest is "
                    + "removed.", until(whenRemoved(usage.oldestUnattached()), now));
        }
    }

    /** The latest the orphan cleanup removes an upload of that time, unless a message claims it first. */
    private Instant whenRemoved(Instant uploadedAt) {
        return uploadedAt.plus(properties.orphanAfter()).plus(properties.cleanupEvery());
    }

    private static Duration until(Instant time, Instant now) {
        return Duration.between(now, time);
    }
}
