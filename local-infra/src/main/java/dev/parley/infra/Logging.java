package dev.parley.infra;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** Kafka logs a great deal at DEBUG; outside tests the infrastructure logs warnings only. */
final class Logging {

    private Logging() {
    }

    static void quiet() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
            context.getLogger("dev.parley").setLevel(Level.INFO);
        }
    }
}
