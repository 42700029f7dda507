package dev.parley.message.events;

import dev.parley.events.EventCodec;
import dev.parley.events.message.MessageCommand;
import dev.parley.platform.kafka.RecordTraces;
import io.micrometer.tracing.Span;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Headers;

/**
 * The traces of one batch of commands. The batch listener handles many commands — many upstream traces — in
 * one call, so no per-record span of the container's could continue them; instead each command gets a span
 * of its own, the child of the {@code traceparent} its record carries, open from the poll until the batch's
 * events are on the broker: its storage in PostgreSQL and its answer. The event a command causes is produced
 * within that command's scope, so it carries the same trace on, and what is logged there carries its trace
 * id. Not thread-safe: one batch, one consumer thread.
 */
public final class CommandTraces {

    /** Runs everything untraced (tests that drive the pipeline directly). */
    public static final CommandTraces NONE = new CommandTraces(RecordTraces.NONE);

    private final RecordTraces traces;
    private final Map<UUID, Span> byCommand = new HashMap<>();

    public CommandTraces(RecordTraces traces) {
        this.traces = traces;
    }

    /** Starts the command's span, continuing the trace of the record that carried it. */
    public void follow(MessageCommand command, Headers headers) {
        if (command.commandId() == null || byCommand.containsKey(command.commandId())) {
            return;
        }
        byCommand.put(command.commandId(), traces.follow(headers, "handle " + EventCodec.eventType(command)));
    }

    /** Runs the work in the command's scope (untraced when the command is not followed). */
    public <T> T within(UUID commandId, Supplier<T> work) {
        Span span = commandId == null ? null : byCommand.get(commandId);
        return span == null ? work.get() : traces.within(span, work);
    }

    public void within(UUID commandId, Runnable work) {
        within(commandId, () -> {
            work.run();
            return null;
        });
    }

    /** Ends every command's span; with the batch's failure when it failed (it is retried whole). */
    public void end(Throwable failure) {
        for (Span span : byCommand.values()) {
            if (failure != null) {
                span.error(failure);
            }
            span.end();
        }
        byCommand.clear();
    }
}
