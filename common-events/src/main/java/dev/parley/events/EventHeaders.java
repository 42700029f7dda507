package dev.parley.events;

/** Kafka record headers every Parley event carries (contract §4). Values are UTF-8 strings. */
public final class EventHeaders {

    public static final String EVENT_TYPE = "eventType";
    public static final String EVENT_ID = "eventId";
    public static final String SCHEMA_VERSION = "schemaVersion";
    public static final String TRACEPARENT = "traceparent";

    /** The schema version of every event in the v1 topics; additive changes keep it. */
    public static final String CURRENT_SCHEMA_VERSION = "1";

    private EventHeaders() {
    }
}
