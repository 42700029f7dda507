package dev.parley.message.events;

import dev.parley.events.EventCodec;
import dev.parley.events.message.MessageEvent;

/** The broker did not acknowledge an event; whoever published it must not consider it out. */
public class EventNotPublishedException extends RuntimeException {

    EventNotPublishedException(MessageEvent event, Throwable cause) {
        super("Not published: " + EventCodec.eventType(event) + " of room " + event.roomId(), cause);
    }
}
