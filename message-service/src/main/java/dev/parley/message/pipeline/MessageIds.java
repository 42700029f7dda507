package dev.parley.message.pipeline;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * Message ids are UUIDs of version 7 (RFC 9562): the creation time in milliseconds, then 74 random bits.
 * Ids made one after the other sort one after the other, so the primary key of {@code messages} grows at
 * its right edge instead of touching a random page of a large index for every insert (docs/performance.md).
 * The id tells no more than {@code createdAt} already does.
 */
final class MessageIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private MessageIds() {
    }

    static UUID at(Instant createdAt) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long millis = createdAt.toEpochMilli();
        long high = (millis << 16) | 0x7000L | ((random[0] & 0x0fL) << 8) | (random[1] & 0xffL);
        long low = 0x8000_0000_0000_0000L | ((random[2] & 0x3fL) << 56);
        for (int i = 3; i < 10; i++) {
            low |= (random[i] & 0xffL) << (8 * (9 - i));
        }
        return new UUID(high, low);
    }
}
