package dev.parley.message.readmarkers;

/** {@code PUT /api/rooms/{id}/read}. */
record ReadRequest(Long seq) {
}
