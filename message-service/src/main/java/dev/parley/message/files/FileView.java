package dev.parley.message.files;

import java.time.Instant;
import java.util.UUID;

/**
 * A file as the contract shows it (§6 Attachments): the answer to an upload, and each of a Message's
 * {@code attachments}. {@code name} is the uploader's file name, sanitised; {@code contentType} was sniffed
 * from the bytes.
 */
public record FileView(UUID id, String name, String contentType, long size, Instant createdAt) {
}
