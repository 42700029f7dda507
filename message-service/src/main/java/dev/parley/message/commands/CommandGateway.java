package dev.parley.message.commands;

import dev.parley.events.EventCodec;
import dev.parley.events.Topic;
import dev.parley.events.message.MessageCommand;
import dev.parley.events.message.Origin;
import dev.parley.platform.kafka.EventRecords;
import dev.parley.platform.kafka.RecordTraces;
import dev.parley.platform.web.ApiException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Service;

/**
 * Puts an HTTP request's command on the command topic — the same pipeline, order and guarantees as a
 * WebSocket command — and waits for the consumer's outcome: completed at once when this instance's
 * consumer handles it, found in the database when another instance does.
 */
@Service
public class CommandGateway implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CommandGateway.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final EventRecords records;
    private final CommandOutcomes outcomes;
    private final HandledCommands handledCommands;
    private final HttpCommandProperties properties;
    private final RecordTraces traces;

    CommandGateway(ProducerFactory<String, byte[]> producers, EventRecords records, CommandOutcomes outcomes,
                   HandledCommands handledCommands, HttpCommandProperties properties,
                   RecordTraces traces) {
        int timeoutMs = (int) properties.publishTimeout().toMillis();
        // A producer of its own: a request must learn within publishTimeout that Kafka is away (503),
        // and a single command waiting for company (linger) only adds to the user's wait.
        this.kafka = new KafkaTemplate<>(producers, Map.of(
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1, timeoutMs * 3 / 4),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs));
        this.traces = traces;
        this.records = records;
        this.outcomes = outcomes;
        this.handledCommands = handledCommands;
        this.properties = properties;
    }

    /** The origin of a command from this instance: answers to it reach no WebSocket session. */
    public Origin origin(UUID commandId) {
        return new Origin(properties.originId(), commandId.toString());
    }

    /**
     * Publishes the command and waits for its outcome, {@code outcomeWait} in all from now: publishing counts
     * against the one deadline, so the request is answered within it (contract §2: a send waits for persistence
     * ≤ 5 s, else 202), not after a publish plus a whole wait.
     *
     * @param doneInDatabase tells whether the command's effect is committed, for outcomes that leave no
     *        record in {@code handled_commands} (an accepted send)
     * @return the outcome, or empty when the wait ran out (the command stays on the topic and will be handled)
     * @throws ApiException 503 {@code unavailable} when Kafka did not take the command
     */
    public Optional<CommandOutcome> submit(MessageCommand command, BooleanSupplier doneInDatabase) {
        return submit(command, doneInDatabase, System.nanoTime() + properties.outcomeWait().toNanos());
    }

    /** As {@link #submit(MessageCommand, BooleanSupplier)}, answered by {@code deadline} (a {@link System#nanoTime()}). */
    Optional<CommandOutcome> submit(MessageCommand command, BooleanSupplier doneInDatabase, long deadline) {
        CompletableFuture<CommandOutcome> handledHere = outcomes.expect(command.commandId());
        try {
            publish(command);
            while (deadline - System.nanoTime() > 0) {
                long waitNanos = Math.min(properties.pollInterval().toNanos(), deadline - System.nanoTime());
                try {
                    return Optional.of(handledHere.get(Math.max(0, waitNanos), TimeUnit.NANOSECONDS));
                } catch (TimeoutException e) {
                    Optional<CommandOutcome> committed = committedOutcome(command, doneInDatabase);
                    if (committed.isPresent()) {
                        return committed;
                    }
                }
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            outcomes.forget(command.commandId());
        }
    }

    private Optional<CommandOutcome> committedOutcome(MessageCommand command, BooleanSupplier doneInDatabase) {
        Optional<CommandOutcome> recorded = handledCommands.find(command.commandId()).map(HandledCommand::asOutcome);
        if (recorded.isPresent()) {
            return recorded;
        }
        return doneInDatabase.getAsBoolean() ? Optional.of(new CommandOutcome.Done()) : Optional.empty();
    }

    private void publish(MessageCommand command) {
        ProducerRecord<String, byte[]> record = records.record(Topic.MESSAGE_COMMANDS, command);
        try {
            traces.send(record, kafka::send).get(properties.publishTimeout().toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(command, e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw unavailable(command, e);
        }
    }

    private static ApiException unavailable(MessageCommand command, Exception cause) {
        log.warn("Kafka did not take {} {}: {}", EventCodec.eventType(command), command.commandId(), cause.toString());
        return ApiException.unavailable("Messaging is unavailable right now; retrying with the same request is safe.");
    }

    @Override
    public void destroy() {
        kafka.destroy();
    }
}
