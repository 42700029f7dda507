package dev.parley.message.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageIdsTests {

    @Test
    void idsAreVersion7WithTheCreationMillisecondFirst() {
        Instant createdAt = Instant.parse("2026-11-21T10:15:30.123456Z");
        UUID id = MessageIds.at(createdAt);

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(createdAt.toEpochMilli());
        assertThat(id.toString()).startsWith(String.format("%08x-%04x-7", createdAt.toEpochMilli() >>> 16,
                createdAt.toEpochMilli() & 0xffff));
    }

    @Test
    void laterIdsSortAfterEarlierOnesAndNoneRepeats() {
        Instant start = Instant.parse("2026-11-21T10:15:30Z");
        Set<UUID> seen = new HashSet<>();
        String previous = "";
        for (int ms = 0; ms < 1000; ms++) {
            for (int i = 0; i < 50; i++) {
                UUID id = MessageIds.at(start.plusMillis(ms));
                assertThat(seen.add(id)).as("unique").isTrue();
                // PostgreSQL orders uuid bytewise, like the canonical text: the time comes first
                String timePart = id.toString().substring(0, 13);
                assertThat(timePart).isGreaterThanOrEqualTo(previous);
                if (i == 0) {
                    assertThat(timePart).isGreaterThan(previous);
                }
                previous = timePart;
            }
        }
    }

    /** A batch stores many messages within one millisecond; search and mentions list them newest first by id. */
    @Test
    void withinAMillisecondIdsSortByTheMicrosecondOfTheirCreation() {
        Instant start = Instant.parse("2026-11-21T10:15:30.123Z");
        UUID previous = MessageIds.at(start);
        for (int micro = 1; micro < 1000; micro++) {
            UUID id = MessageIds.at(start.plusNanos(micro * 1_000L));
            assertThat(id.toString()).as("µs %d", micro).isGreaterThan(previous.toString());
            previous = id;
        }
    }

    @Test
    void creationTimesAreMicrosecondsAndNeverRepeat() {
        Instant previous = MessageIds.nextCreatedAt();
        for (int i = 0; i < 10_000; i++) {
            Instant next = MessageIds.nextCreatedAt();
            assertThat(next).isAfter(previous);
            assertThat(next.getNano() % 1_000).isZero();
            previous = next;
        }
    }
}
