package dev.parley.events.message;

/** Where a command came from, so its answer (ack or rejection) reaches the right session. */
public record Origin(String gatewayId, String sessionId) {

    /** Commands from the HTTP API have no live session to answer. */
    public static final Origin HTTP = new Origin("http", "");
}
