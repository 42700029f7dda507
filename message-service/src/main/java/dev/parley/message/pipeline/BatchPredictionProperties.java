package dev.parley.message.pipeline;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Command batches written on predicted reads, in one round trip (ADR 0045).
 *
 * @param enabled off, every batch reads first and writes in a second round trip: for comparing the two, or should a
 *                workload's predictions fail more often than they hold
 */
@ConfigurationProperties("parley.message.batch-predictions")
public record BatchPredictionProperties(@DefaultValue("true") boolean enabled) {
}
