package dev.parley.message.pipeline;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Message ids are UUIDs of version 7 (RFC 9562): the creation time in milliseconds, then the microsecond within
 * that millisecond in the 12 bits RFC 9562 (§6.2, method 3) leaves for a finer clock, then 62 random bits. Ids made
 * one after the other sort one after the other, so the primary key of {@code messages} grows at its right edge
 * instead of touching a random page of a large index for every insert (docs/performance.md) — and search and
 * mentions, which list newest first by id (contract §6), keep the order of a batch's sends, many of which share
 * a millisecond. The id tells no more than {@code createdAt} already does.
 */
final class MessageIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong LAST_MICROS = new AtomicLong();

    private MessageIds() {
    }

    /**
     * The creation time of a new message: now, to the microsecond PostgreSQL keeps, and later than any this
     * instance gave out before — so that a batch's messages, and their ids, are in the order they were made.
     */
    static Instant nextCreatedAt() {
        long now = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        long micros = LAST_MICROS.accumulateAndGet(now, (last, current) -> Math.max(last + 1, current));
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    static UUID at(Instant createdAt) {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        long millis = createdAt.toEpochMilli();
        long microOfMilli = createdAt.getNano() / 1_000 % 1_000;
        long high = (millis << 16) | 0x7000L | (microOfMilli * 4096 / 1000);
        long low = 0x8000_0000_0000_0000L | ((random[0] & 0x3fL) << 56);
        for (int i = 1; i < 8; i++) {
            low |= (random[i] & 0xffL) << (8 * (7 - i));
        }
        return new UUID(high, low);
    }
}
