package dev.parley.message.events;

import dev.parley.events.EventCodec;
import dev.parley.events.message.MessageCommand;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The traces of one batch of commands. The batch listener handles many commands — many upstream traces — in
 * one call, so Kafka's per-record observation cannot continue them; instead each command gets an observation
 * of its own (a span, with tracing), the child of the {@code traceparent} its record carries, open from the
 * poll until the batch's events are on the broker: its storage in PostgreSQL and its answer. The event a
 * command causes is produced within that command's scope, so it carries the same trace on, and what is
 * logged there carries its trace id. Not thread-safe: one batch, one consumer thread.
 */
public final class CommandTraces {

    /** Runs everything untraced (tests that drive the pipeline directly). */
    public static final CommandTraces NONE = new CommandTraces(ObservationRegistry.NOOP);

    static final String OBSERVATION = "parley.message.command";

    private final ObservationRegistry registry;
    private final Map<UUID, Observation> byCommand = new HashMap<>();

    public CommandTraces(ObservationRegistry registry) {
        this.registry = registry;
    }

    /** Starts the command's observation, continuing the trace of the record that carried it. */
    public void follow(MessageCommand command, Headers headers) {
        if (registry.isNoop() || command.commandId() == null || byCommand.containsKey(command.commandId())) {
            return;
        }
        ReceiverContext<Headers> context = new ReceiverContext<>(CommandTraces::header);
        context.setCarrier(headers);
        context.setRemoteServiceName("kafka");
        String type = EventCodec.eventType(command);
        byCommand.put(command.commandId(), Observation.createNotStarted(OBSERVATION, () -> context, registry)
                .contextualName("handle " + type)
                .lowCardinalityKeyValue("command", type)
                .start());
    }

    /** Runs the work in the command's scope (untraced when the command is not followed). */
    public <T> T within(UUID commandId, Supplier<T> work) {
        Observation observation = commandId == null ? null : byCommand.get(commandId);
        return observation == null ? work.get() : observation.scoped(work);
    }

    public void within(UUID commandId, Runnable work) {
        within(commandId, () -> {
            work.run();
            return null;
        });
    }

    /** Ends every command's observation; with the batch's failure when it failed (it is retried whole). */
    public void end(Throwable failure) {
        for (Observation observation : byCommand.values()) {
            if (failure != null) {
                observation.error(failure);
            }
            observation.stop();
        }
        byCommand.clear();
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
