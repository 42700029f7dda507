package dev.parley.message.files;

import java.time.Instant;

/**
 * An uploader's share of the storage, as the quota counts it.
 *
 * @param unattachedBytes  bytes of their uploads no message has claimed
 * @param oldestUnattached when the oldest of those was uploaded; null when there is none
 * @param recentUploads    their uploads within the quota's window, attached or not
 * @param oldestRecent     when the oldest of those was uploaded; null when there is none
 */
record UploadUsage(long unattachedBytes, Instant oldestUnattached, int recentUploads, Instant oldestRecent) {
}
