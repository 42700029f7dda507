package dev.parley.message.pipeline;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The hourly purge of {@code handled_commands} (rows older than the command topic's retention).
 *
 * @param batchSize the most rows one delete statement removes; the purge repeats it until fewer are left. One
 *                  statement for a whole hour's backlog — after an outage of the purge, millions of rows — had held
 *                  their locks, and their WAL, in one transaction beside the command batches writing the table
 */
@Validated
@ConfigurationProperties("parley.message.handled-commands-purge")
public record HandledCommandsPurgeProperties(@Min(1) @DefaultValue("10000") int batchSize) {
}
