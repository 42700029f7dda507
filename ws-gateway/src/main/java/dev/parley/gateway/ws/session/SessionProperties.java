package dev.parley.gateway.ws.session;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * One WebSocket connection's timing and buffers (contract §3).
 *
 * @param authTimeout how long a connection without a header token may take to send its {@code auth} frame
 * @param heartbeat how often the server pings (announced in {@code ready.heartbeatMs})
 * @param missedHeartbeats pings left unanswered before the connection is closed (4008)
 * @param maxFrameBytes the largest text frame accepted, in raw (UTF-8) bytes; larger closes with 1009
 * @param readBufferChars the container's per-connection read buffer; longer frames arrive in parts
 *                        and are reassembled, so this bounds idle memory, not the frame size
 * @param sendBufferBytes frames queued for a client beyond this close it with 4009
 * @param sendTimeLimit a single write blocked longer than this also closes with 4009
 * @param socketSendBufferBytes the kernel send buffer of each connection (SO_SNDBUF); 0 leaves it to the
 *                              OS's autotuning. What a slow client can hold up is this plus {@code sendBufferBytes}
 * @param socketAppBufferBytes the container's own read and write buffer of each connection (Tomcat's
 *                             {@code socket.appReadBufSize} and {@code appWriteBufSize}, 8 KiB each by default)
 * @param shutdownWait how long a stopping instance waits for its clients to take their 1012
 * @param answerWait how long a close the server chooses (4008, 4001, 1012) waits for the answers to the
 *                   sends it accepted before it, so that every accepted send is acknowledged first
 */
@Validated
@ConfigurationProperties("parley.ws.session")
public record SessionProperties(
        @DefaultValue("10s") Duration authTimeout,
        @DefaultValue("25s") Duration heartbeat,
        @Min(1) @DefaultValue("2") int missedHeartbeats,
        @Min(1024) @DefaultValue("65536") int maxFrameBytes,
        @Min(256) @DefaultValue("1024") int readBufferChars,
        @Min(1024) @DefaultValue("1048576") int sendBufferBytes,
        @DefaultValue("10s") Duration sendTimeLimit,
        @Min(0) @DefaultValue("0") int socketSendBufferBytes,
        @Min(1024) @DefaultValue("1024") int socketAppBufferBytes,
        @DefaultValue("3s") Duration shutdownWait,
        @DefaultValue("5s") Duration answerWait) {
}
