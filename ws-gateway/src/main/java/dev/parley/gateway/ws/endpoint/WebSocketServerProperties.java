package dev.parley.gateway.ws.endpoint;

import dev.parley.handoff.Transport;
import dev.parley.platform.files.OpenFiles;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The WebSocket listener (ADR 0022): its own port, beside the HTTP API's {@code server.port}.
 *
 * @param port where {@code /ws} is served; 0 takes a free port (tests)
 * @param eventLoops threads that read and write every connection's bytes; 0: one per available processor
 * @param backlog connections the kernel holds while they wait to be accepted
 * @param maxConnections open connections beyond this are refused 503 {@code service_unavailable} with
 *                       {@code Retry-After}; 0 (the default): the process's open-file limit less a reserve of
 *                       1,024 for everything else (each connection is an open file)
 * @param handoffSocket a Unix domain socket where an edge on the same host hands over the connections it
 *                      accepted for {@code /ws} (ADR 0023); empty: none. Linux only (epoll, or io_uring, takes them)
 * @param transport how the connections' event loops reach the kernel (ADR 0049): {@code auto} (io_uring where the
 *                  kernel and the seccomp profile allow it, else epoll, else NIO), or {@code io-uring}, {@code epoll}
 *                  or {@code nio} outright
 */
@Validated
@ConfigurationProperties("parley.ws.server")
public record WebSocketServerProperties(
        @Min(0) @Max(65535) @DefaultValue("8085") int port,
        @Min(0) @DefaultValue("0") int eventLoops,
        @Min(1) @DefaultValue("4096") int backlog,
        @Min(0) @DefaultValue("0") int maxConnections,
        @DefaultValue("") String handoffSocket,
        @NotNull @DefaultValue("auto") Transport transport) {

    /** The connections served at once: the setting, or what the open-file limit leaves after the reserve. */
    int connectionCap(long openFileLimit) {
        return maxConnections > 0 ? maxConnections : OpenFiles.connectionsFor(openFileLimit, 1);
    }
}
