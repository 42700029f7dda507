package dev.parley.events;

import java.time.Duration;

/** The Kafka topics of the contract (§4), with their default retention. */
public enum Topic {
    MESSAGE_COMMANDS("parley.message-commands.v1", Duration.ofDays(7)),
    MESSAGE_EVENTS("parley.message-events.v1", Duration.ofDays(7)),
    ROOM_EVENTS("parley.room-events.v1", null),
    USER_EVENTS("parley.user-events.v1", null),
    PRESENCE_EVENTS("parley.presence-events.v1", Duration.ofDays(1)),
    SIGNALS("parley.signals.v1", Duration.ofHours(1));

    private final String topicName;
    private final Duration retention;

    Topic(String topicName, Duration retention) {
        this.topicName = topicName;
        this.retention = retention;
    }

    public String topicName() {
        return topicName;
    }

    /** {@code retention.ms}: -1 means forever (replayable from the beginning). */
    public long retentionMs() {
        return retention == null ? -1 : retention.toMillis();
    }
}
