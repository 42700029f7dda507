package dev.parley.message.editing;

/** {@code PATCH /api/rooms/{id}/messages/{seq}}. */
record EditRequest(String body) {
}
