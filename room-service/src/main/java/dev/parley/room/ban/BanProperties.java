package dev.parley.room.ban;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Bans (contract §2 "Rooms").
 *
 * @param maxPerRoom the most bans one room may hold. Every ban is a row here and a {@code UserBanned} kept forever on
 *                   {@code parley.room-events.v1}, and every ws-gateway following the room keeps it in memory: without
 *                   a bound, one room's owner could grow all three without end. A ban beyond it is refused with
 *                   409 {@code too_many_bans} until a ban is lifted
 */
@Validated
@ConfigurationProperties("parley.room.bans")
public record BanProperties(@Min(1) @DefaultValue("10000") int maxPerRoom) {
}
