package dev.parley.gateway.api;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.validation.annotation.Validated;

/**
 * Contract §7's HTTP rate limits, each written {@code permits/period}, optionally with {@code burst n}
 * (the most that may be spent at once; the permits by default). Environment variables follow Spring's
 * relaxed binding, e.g. {@code PARLEY_EDGE_RATELIMITS_MESSAGEWRITES="10/1s burst 20"}.
 *
 * @param messageWrites per user: POST, PATCH and DELETE of a room's messages, PUT and DELETE of their reactions, and
 *                      PUT of the read marker — each a command on Kafka
 * @param roomCreations per user: POST /api/rooms and POST /api/rooms/direct, each that created a room (a refused one,
 *                      or a direct room that existed, gives its token back)
 * @param roomChanges per user: every other write to a room — PATCH and DELETE of a room, POST
 *                    and DELETE of its members, PUT of a member's role, POST and DELETE of its bans. Not a contract
 *                    limit (§7 names none): each becomes events on the forever-kept room-events topic, and at the 300
 *                    requests/s an address may make, one user could grow it without end (a PATCH back and forth).
 *                    The burst lets an owner add a team of a hundred at once (the bench's W1 adds 99 members a room)
 * @param searches per user: GET /api/search/messages — not a contract limit (§7 names none): a search without
 *                 {@code roomId} runs over every room the user can read, the most expensive read there is, and at
 *                 the 300 requests/s an address may make one user could keep message-service's database busy
 * @param historyReads per user: GET /api/rooms/{id}/messages — not a contract limit (§7 names none): a page of up to
 *                     100 messages from anywhere in a room is read from PostgreSQL, and at the 300 requests/s an
 *                     address may make, one user had the platform serve ~100 such pages a second for as long as it
 *                     liked (stop 72). The burst is 5,000 messages, as a client catching up pages them; a WebSocket
 *                     resume has its own allowance (ADR 0036)
 * @param registrations per client address: POST /api/auth/register
 * @param requests per client address: every request but the health probes
 * @param redisTimeout how long a request waits for the counts before this instance's own buckets decide
 * @param redisRetryAfter after Redis failed or timed out, how long this instance's own buckets decide without asking it
 * @param localBuckets how many buckets this instance keeps for when Redis does not answer ({@link LocalBuckets}), at
 *                     most ~200 bytes each; a client whose bucket finds no room then passes unchecked; 0 keeps none
 */
@Validated
@ConfigurationProperties("parley.edge.rate-limits")
record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10/1s burst 20") Limit messageWrites,
        @DefaultValue("5/1m") Limit roomCreations,
        @DefaultValue("5/1s burst 100") Limit roomChanges,
        @DefaultValue("5/1s burst 10") Limit searches,
        @DefaultValue("20/1s burst 50") Limit historyReads,
        @DefaultValue("10/1h") Limit registrations,
        @DefaultValue("300/1s") Limit requests,
        @DefaultValue("500ms") Duration redisTimeout,
        @DefaultValue("1s") Duration redisRetryAfter,
        @DefaultValue("50000") int localBuckets) {

    RateLimitProperties {
        if (localBuckets < 0) {
            throw new IllegalArgumentException("parley.edge.rate-limits.local-buckets must be 0 or more");
        }
    }

    /** A token bucket: {@code burst} tokens, refilled at {@code permits} per {@code period}. */
    record Limit(int permits, Duration period, int burst) {

        private static final Pattern TEXT = Pattern.compile("\\s*(\\d+)\\s*/\\s*(\\S+?)(?:\\s+burst\\s+(\\d+))?\\s*");

        Limit {
            if (permits < 1 || burst < 1 || period.isNegative() || period.toMillis() < 1) {
                throw new IllegalArgumentException("A limit needs permits ≥ 1, burst ≥ 1 and a period of 1 ms or more");
            }
        }

        /** Parses {@code "10/1s burst 20"} or {@code "5/1m"}; public: the binder finds this factory by its name. */
        public static Limit valueOf(String text) {
            Matcher parts = TEXT.matcher(text);
            if (!parts.matches()) {
                throw new IllegalArgumentException("Not a limit like \"10/1s burst 20\" or \"5/1m\": " + text);
            }
            int permits = Integer.parseInt(parts.group(1));
            Duration period = DurationStyle.detectAndParse(parts.group(2));
            return new Limit(permits, period, parts.group(3) == null ? permits : Integer.parseInt(parts.group(3)));
        }

        @Override
        public String toString() {
            return permits + "/" + period.toString().substring(2).toLowerCase(Locale.ROOT) + (burst == permits ? "" : " burst " + burst);
        }
    }
}
