package dev.parley.events;

/**
 * Anything published on a Parley topic. The {@link #key()} is the Kafka record key: it decides the
 * partition, and so the order a consumer sees (all events of one room, or of one user, in order).
 */
public interface ParleyEvent {

    /** The Kafka record key: a room id for room-scoped topics, a user id for user-scoped ones. */
    String key();
}
