package dev.parley.message.events;

import dev.parley.events.EventCodec;
import dev.parley.events.message.MessageCommand;
import dev.parley.events.message.MessageEvent;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * An event with its {@code eventId}. Every event here answers one command, so its id is derived from the
 * command's id: the republication after a redelivery carries the same eventId, and consumers can drop it
 * as the contract says (§4, "consumers dedupe by eventId"). The command's id also finds the trace the event
 * continues ({@link CommandTraces}).
 */
public record OutgoingEvent(MessageEvent event, UUID eventId, UUID commandId) {

    public static OutgoingEvent answering(MessageCommand command, MessageEvent event) {
        String name = command.commandId() + "/" + EventCodec.eventType(event);
        return new OutgoingEvent(event, UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)),
                command.commandId());
    }
}
