package dev.parley.gateway.ws.command;

import dev.parley.gateway.ws.session.LimitProperties;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * At most one typing signal per user and room per {@code typingInterval} leaves this instance (a
 * user typing on two instances at once may signal twice; typing is a hint, not a count).
 */
@Component
class TypingThrottle {

    private final long intervalNanos;
    private final Map<Key, Long> lastSignal = new ConcurrentHashMap<>();

    TypingThrottle(LimitProperties limits) {
        this.intervalNanos = limits.typingInterval().toNanos();
    }

    /** Whether a typing signal may go out now; if so, the interval starts again. */
    boolean tryPass(UUID userId, UUID roomId, long nowNanos) {
        boolean[] passed = {false};
        lastSignal.compute(new Key(userId, roomId), (key, last) -> {
            if (last == null || nowNanos - last >= intervalNanos) {
                passed[0] = true;
                return nowNanos;
            }
            return last;
        });
        return passed[0];
    }

    @Scheduled(fixedDelayString = "${parley.ws.limits.typing-interval:2s}")
    void forgetOldSignals() {
        long cutoff = System.nanoTime() - intervalNanos;
        lastSignal.values().removeIf(last -> last - cutoff < 0);
    }

    private record Key(UUID userId, UUID roomId) {
    }
}
