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
 * @param sendBufferBytes frames queued for a client beyond this close it with 4009
 * @param sendTimeLimit a socket that takes no frame for longer than this while frames wait also closes with
 *                      4009; and a close frame that cannot go out within it is given up, the socket cut
 * @param socketSendBufferBytes the kernel send buffer of each connection (SO_SNDBUF, which Linux doubles for its
 *                              bookkeeping); 0 leaves it to the OS's autotuning, which let a client that read for a
 *                              while and then stopped hold ~3.4 MiB of kernel memory with its socket (ADR 0040). What
 *                              a slow client can hold up is this plus {@code writeBufferBytes} plus
 *                              {@code sendBufferBytes}
 * @param connectionThreads at most this many connections' work (frames, opening, end) runs at once
 * @param writeBufferBytes what a socket takes from its send queue before it counts as unwritable (the event
 *                         loop's own buffer, on top of the kernel's); the send time limit runs while it is full
 * @param shutdownWait how long a stopping instance waits for its clients to take their 1012
 * @param answerWait how long a close the server chooses (any: 4008, 4001, 1012, 1003/1009/1007/1002, 4009)
 *                   waits for the answers to the sends it accepted before it, so that every accepted send is
 *                   acknowledged first
 */
@Validated
@ConfigurationProperties("parley.ws.session")
public record SessionProperties(
        @DefaultValue("10s") Duration authTimeout,
        @DefaultValue("25s") Duration heartbeat,
        @Min(1) @DefaultValue("2") int missedHeartbeats,
        @Min(1024) @DefaultValue("65536") int maxFrameBytes,
        @Min(1024) @DefaultValue("1048576") int sendBufferBytes,
        @DefaultValue("10s") Duration sendTimeLimit,
        @Min(0) @DefaultValue("65536") int socketSendBufferBytes,
        @Min(1) @DefaultValue("200") int connectionThreads,
        @Min(1024) @DefaultValue("65536") int writeBufferBytes,
        @DefaultValue("3s") Duration shutdownWait,
        @DefaultValue("5s") Duration answerWait) {
}
