package dev.parley.auth.session;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Deletes the refresh tokens that can no longer matter. Every login and every refresh stores a row
 * ({@link Sessions}), and the row stays when its token is spent or revoked: until the token expires, a spent
 * one presented again must still be recognised, so that its family is revoked (reuse detection). From its
 * expiry on nothing can exchange it — spent, revoked or neither — and its row goes; presented after that, it
 * is an unknown token (401), which no longer revokes its family.
 * <p>
 * Every {@code every}, a batch at a time (each statement its own short transaction), skipping rows that another
 * instance's purge or a refresh holds: every instance runs it, at once if it happens, and no statement holds
 * locks for long.
 */
@Component
class RefreshTokenPurge implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(RefreshTokenPurge.class);

    private final RefreshTokenRepository refreshTokens;
    private final RefreshTokenPurgeProperties properties;

    RefreshTokenPurge(RefreshTokenRepository refreshTokens, RefreshTokenPurgeProperties properties) {
        this.refreshTokens = refreshTokens;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(this::purge, properties.every(), properties.every()));
    }

    /** Deletes every token expired by now, a batch at a time; returns how many. */
    int purge() {
        Instant now = Instant.now();
        int purged = 0;
        int deleted;
        do {
            deleted = refreshTokens.deleteExpired(now, properties.batch());
            purged += deleted;
        } while (deleted == properties.batch());
        if (purged > 0) {
            log.info("Purged {} expired refresh tokens", purged);
        }
        return purged;
    }
}
