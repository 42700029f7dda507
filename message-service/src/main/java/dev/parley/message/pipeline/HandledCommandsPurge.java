package dev.parley.message.pipeline;

import dev.parley.message.commands.HandledCommands;
import dev.parley.message.events.MessageKafkaProperties;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A handled command is only needed while it can be redelivered: at most the command topic's retention. The old ones
 * go a batch at a time, each delete its own short transaction, so a large backlog never becomes one statement that
 * locks and logs it all at once.
 */
@Component
class HandledCommandsPurge {

    private static final Logger log = LoggerFactory.getLogger(HandledCommandsPurge.class);

    private final HandledCommands handledCommands;
    private final MessageKafkaProperties kafka;
    private final HandledCommandsPurgeProperties properties;

    HandledCommandsPurge(HandledCommands handledCommands, MessageKafkaProperties kafka,
                         HandledCommandsPurgeProperties properties) {
        this.handledCommands = handledCommands;
        this.kafka = kafka;
        this.properties = properties;
    }

    /** Removes every handled command older than the retention now, a batch at a time; returns how many. */
    @Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT1H")
    int purge() {
        Instant before = Instant.now().minus(kafka.commandsRetention());
        int purged = 0;
        int batch;
        do {
            batch = handledCommands.purgeBefore(before, properties.batchSize());
            purged += batch;
        } while (batch == properties.batchSize());
        log.debug("Purged {} handled commands older than {}", purged, kafka.commandsRetention());
        return purged;
    }
}
