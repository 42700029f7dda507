package dev.parley.events.message;

import java.time.Instant;
import java.util.UUID;

/**
 * A file as the contract shows it (§6 "File"): what was uploaded, with the content type sniffed from its
 * bytes. The bytes themselves are at {@code GET /api/files/{id}}.
 */
public record Attachment(UUID id, String name, String contentType, long size, Instant createdAt) {
}
