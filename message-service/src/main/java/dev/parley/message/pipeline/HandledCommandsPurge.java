package dev.parley.message.pipeline;

import dev.parley.message.commands.HandledCommands;
import dev.parley.message.events.MessageKafkaProperties;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** A handled command is only needed while it can be redelivered: at most the command topic's retention. */
@Component
class HandledCommandsPurge {

    private static final Logger log = LoggerFactory.getLogger(HandledCommandsPurge.class);

    private final HandledCommands handledCommands;
    private final MessageKafkaProperties properties;

    HandledCommandsPurge(HandledCommands handledCommands, MessageKafkaProperties properties) {
        this.handledCommands = handledCommands;
        this.properties = properties;
    }

    @Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT1H")
    void purge() {
        int purged = handledCommands.purgeBefore(Instant.now().minus(properties.commandsRetention()));
        log.debug("Purged {} handled commands older than {}", purged, properties.commandsRetention());
    }
}
