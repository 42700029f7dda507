package dev.parley.events.message;

/**
 * Where a command came from, so its answer (ack or rejection) reaches the right session: a gateway and its
 * session, or — for the HTTP API — the message-service instance and the command's id.
 */
public record Origin(String gatewayId, String sessionId) {
}
