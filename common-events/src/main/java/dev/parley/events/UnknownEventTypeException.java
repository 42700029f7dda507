package dev.parley.events;

/** An event type this version of the contract does not know; consumers skip it (additive evolution). */
public class UnknownEventTypeException extends RuntimeException {

    public UnknownEventTypeException(String eventType) {
        super("Unknown event type: " + eventType);
    }
}
