package dev.parley.gateway.ws.session;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of one WebSocket connection (contract §3).
 *
 * @param authTimeout how long a connection without a header token may take to send its {@code auth} frame
 * @param heartbeat the interval announced in {@code ready.heartbeatMs}
 * @param maxFrameBytes the largest text frame accepted, in raw (UTF-8) bytes; larger closes with 1009
 * @param sendBufferBytes pushes queued for a slow client beyond this close it with 4009
 * @param sendTimeLimit a single write blocked longer than this also closes with 4009
 */
@Validated
@ConfigurationProperties("parley.ws.session")
public record SessionProperties(
        @DefaultValue("10s") Duration authTimeout,
        @DefaultValue("25s") Duration heartbeat,
        @Min(1024) @DefaultValue("65536") int maxFrameBytes,
        @Min(1024) @DefaultValue("1048576") int sendBufferBytes,
        @DefaultValue("10s") Duration sendTimeLimit) {
}
