package dev.parley.gateway.ws.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.ws.support.Sessions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SendAllowanceTests {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void aBurstOfTwentyIsAllowedAndTheTwentyFirstWaitsATenthOfASecond() {
        SendAllowance allowance = new SendAllowance(Sessions.limits(), 0);
        for (int i = 0; i < 20; i++) {
            assertThat(take(allowance, 0)).isInstanceOf(SendAllowance.Allowed.class);
        }
        SendAllowance.Refused refused = (SendAllowance.Refused) take(allowance, 0);
        assertThat(refused.retryAfterMs()).isEqualTo(100);
        assertThat(refused.repeated()).isFalse();
    }

    @Test
    void theSustainedRateIsTenPerSecond() {
        SendAllowance allowance = new SendAllowance(Sessions.limits(), 0);
        for (int i = 0; i < 20; i++) {
            take(allowance, 0);
        }
        int allowed = 0;
        for (long t = 0; t <= 2 * SECOND; t += SECOND / 100) {
            if (take(allowance, t) instanceof SendAllowance.Allowed) {
                allowed++;
            }
        }
        assertThat(allowed).isBetween(19, 21);
    }

    @Test
    void aBurstOfFortyIsHalfRefusedButNeverClosed() {
        SendAllowance allowance = new SendAllowance(Sessions.limits(), 0);
        List<SendAllowance.Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            verdicts.add(take(allowance, i * 1000L));
        }
        assertThat(verdicts).filteredOn(SendAllowance.Allowed.class::isInstance).hasSize(20);
        assertThat(verdicts).filteredOn(SendAllowance.Refused.class::isInstance)
                .allSatisfy(refused -> assertThat(((SendAllowance.Refused) refused).repeated()).isFalse());
    }

    @Test
    void aClientFlushingABacklogThatPausesAsToldIsNeverClosed() {
        SendAllowance allowance = new SendAllowance(Sessions.limits(), 0);
        long now = 0;
        int sent = 0;
        while (sent < 500) { // as fast as it may: at once, or after the retryAfterMs it was given
            SendAllowance.Verdict verdict = take(allowance, now);
            if (verdict instanceof SendAllowance.Refused refused) {
                assertThat(refused.repeated()).as("refusal at %d ms", now / 1_000_000).isFalse();
                now += TimeUnit.MILLISECONDS.toNanos(refused.retryAfterMs());
            } else {
                sent++;
            }
        }
        assertThat(now).as("drained at the allowed rate").isBetween(47 * SECOND, 49 * SECOND);
    }

    @Test
    void aClientThatKeepsSendingIntoItsLimitIsClosedAfterTheTolerance() {
        SendAllowance allowance = new SendAllowance(Sessions.limits(), 0);
        long firstRepeated = -1;
        for (long now = 0; now < 5 * SECOND && firstRepeated < 0; now += TimeUnit.MILLISECONDS.toNanos(1)) {
            if (take(allowance, now) instanceof SendAllowance.Refused refused && refused.repeated()) {
                firstRepeated = now;
            }
        }
        assertThat(firstRepeated).isBetween(2 * SECOND, 2 * SECOND + SECOND / 10);
    }

    @Test
    void framesThatWaitedInTheSocketWhileReadingPausedDrawOnAllThatRefilledMeanwhile() {
        SendAllowance allowance = new SendAllowance(Sessions.limits(), 0);
        for (int i = 0; i < 20; i++) {
            take(allowance, 0);
        }
        for (int i = 1; i <= 10; i++) { // then 10 a second
            assertThat(take(allowance, i * SECOND / 10)).isInstanceOf(SendAllowance.Allowed.class);
        }
        // reading paused at 1 s for 30 s; the 300 frames the client sent meanwhile waited in the socket
        for (int i = 0; i < 300; i++) {
            assertThat(allowance.take(new FrameArrival(31 * SECOND + i * MILLI / 10, SECOND)))
                    .as("frame %d", i).isInstanceOf(SendAllowance.Allowed.class);
        }
        assertThat(take(allowance, 31 * SECOND + 30 * MILLI)).as("the pause's tokens are spent")
                .isInstanceOf(SendAllowance.Refused.class);
    }

    @Test
    void aClientThatSentMoreThanItsRateWhileReadingPausedIsRefusedAndClosedAsEver() {
        SendAllowance allowance = new SendAllowance(Sessions.limits(), 0);
        for (int i = 0; i < 20; i++) {
            take(allowance, 0);
        }
        // reading paused at 1 s for 1 s, with 10 tokens in the bucket and 10 refilled meanwhile; it floods on, a frame a
        // millisecond, and 10 more a second refill
        int allowed = 0;
        long firstRepeated = -1;
        for (long readAt = 2 * SECOND; readAt < 6 * SECOND && firstRepeated < 0; readAt += MILLI) {
            long since = readAt < 2 * SECOND + 300 * MILLI ? SECOND : readAt; // the first 300 waited in the socket
            SendAllowance.Verdict verdict = allowance.take(new FrameArrival(readAt, since));
            if (verdict instanceof SendAllowance.Allowed) {
                allowed++;
            } else if (((SendAllowance.Refused) verdict).repeated()) {
                firstRepeated = readAt;
            }
        }
        assertThat(allowed).as("allowed before the close, 2 s after the first refusal").isBetween(39, 41);
        assertThat(firstRepeated).isBetween(4 * SECOND, 4 * SECOND + SECOND / 10);
    }

    /** A frame read as it came in. */
    private static SendAllowance.Verdict take(SendAllowance allowance, long readAt) {
        return allowance.take(new FrameArrival(readAt, readAt));
    }
}
