package dev.parley.gateway.ws.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.ws.support.Sessions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SendAllowanceTests {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void aBurstOfTwentyIsAllowedAndTheTwentyFirstWaitsATenthOfASecond() {
        SendAllowance allowance = new SendAllowance(Sessions.limits(), 0);
        for (int i = 0; i < 20; i++) {
            assertThat(allowance.take(0)).isInstanceOf(SendAllowance.Allowed.class);
        }
        SendAllowance.Refused refused = (SendAllowance.Refused) allowance.take(0);
        assertThat(refused.retryAfterMs()).isEqualTo(100);
        assertThat(refused.repeated()).isFalse();
    }

    @Test
    void theSustainedRateIsTenPerSecond() {
        SendAllowance allowance = new SendAllowance(Sessions.limits(), 0);
        for (int i = 0; i < 20; i++) {
            allowance.take(0);
        }
        int allowed = 0;
        for (long t = 0; t <= 2 * SECOND; t += SECOND / 100) {
            if (allowance.take(t) instanceof SendAllowance.Allowed) {
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
            verdicts.add(allowance.take(i * 1000L));
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
            SendAllowance.Verdict verdict = allowance.take(now);
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
            if (allowance.take(now) instanceof SendAllowance.Refused refused && refused.repeated()) {
                firstRepeated = now;
            }
        }
        assertThat(firstRepeated).isBetween(2 * SECOND, 2 * SECOND + SECOND / 10);
    }
}
