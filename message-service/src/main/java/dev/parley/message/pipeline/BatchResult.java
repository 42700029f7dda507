package dev.parley.message.pipeline;

import dev.parley.events.ErrorCode;
import dev.parley.events.message.MessageCommand;
import dev.parley.events.message.MessageRejected;
import dev.parley.events.message.SendMessage;
import dev.parley.message.commands.CommandOutcome;
import dev.parley.message.events.OutgoingEvent;
import dev.parley.message.history.RoomHistoryChange;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a committed batch leaves to do: hand its changes to the cache, publish the events (in the order of
 * the commands, so each room's in seq order), and answer the HTTP requests waiting on this instance; and
 * how many messages it stored (new sends only: a duplicate is answered from the store).
 */
record BatchResult(List<OutgoingEvent> events, Map<UUID, CommandOutcome> outcomes,
                   List<RoomHistoryChange> historyChanges, int storedMessages) {

    /** A command that cannot be handled: it is refused on its own, so the rest of its room goes on. */
    static BatchResult refused(MessageCommand command, ErrorCode reason) {
        String clientMsgId = command instanceof SendMessage send ? send.clientMsgId() : null;
        return new BatchResult(
                List.of(OutgoingEvent.answering(command,
                        new MessageRejected(command.commandId(), command.roomId(), clientMsgId, reason, command.origin(),
                                null))),
                Map.of(command.commandId(), new CommandOutcome.Rejected(reason, null)), List.of(), 0);
    }
}
