package dev.parley.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The one place the contract's topic table (§4) is written down in a test: the deployments' checks compare
 * against {@link Topic}, so this pins {@link Topic} to the contract.
 */
class TopicTests {

    private static final long FOREVER = -1;

    @Test
    void theTopicsAndRetentionsAreTheContractsTable() {
        Map<String, Long> retentions = Arrays.stream(Topic.values())
                .collect(Collectors.toMap(Topic::topicName, Topic::retentionMs));
        assertThat(retentions).containsExactlyInAnyOrderEntriesOf(Map.of(
                "parley.message-commands.v1", Duration.ofDays(7).toMillis(),
                "parley.message-events.v1", Duration.ofDays(7).toMillis(),
                "parley.room-events.v1", FOREVER,
                "parley.user-events.v1", FOREVER,
                "parley.presence-events.v1", Duration.ofDays(1).toMillis(),
                "parley.signals.v1", Duration.ofHours(1).toMillis()));
    }
}
