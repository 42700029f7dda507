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
    void theFifthBreachWithinTenSecondsIsRepeated() {
        SendAllowance allowance = new SendAllowance(Sessions.limits(), 0);
        for (int i = 0; i < 20; i++) {
            allowance.take(0);
        }
        List<Boolean> repeated = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            repeated.add(((SendAllowance.Refused) allowance.take(i)).repeated());
        }
        assertThat(repeated).containsExactly(false, false, false, false, true);
    }

    @Test
    void breachesOlderThanTheWindowDoNotCount() {
        SendAllowance allowance = new SendAllowance(Sessions.limits(), 0);
        for (int i = 0; i < 24; i++) {
            allowance.take(0); // 20 allowed, 4 breaches
        }
        long later = 11 * SECOND;
        for (int i = 0; i < 20; i++) {
            assertThat(allowance.take(later)).isInstanceOf(SendAllowance.Allowed.class);
        }
        assertThat(((SendAllowance.Refused) allowance.take(later)).repeated()).isFalse();
    }
}
