package dev.parley.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A real redis-server binary (codemonstur embedded-redis) run as a child process on loopback. With a
 * data folder it writes its pid to {@code redis.pid} there ({@link #serverProcess(Path)}), so it can be
 * found should this process die before it.
 */
public final class RedisServer implements AutoCloseable {

    private static final String PID_FILE = "redis.pid";

    private final redis.embedded.RedisServer server;
    private final int port;

    private RedisServer(redis.embedded.RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts the server again on the same port after {@link #stop()}; tests use it to end an outage. */
    public void restart() {
        if (!server.isActive()) {
            try {
                server.start();
            } catch (IOException e) {
                throw new UncheckedIOException("Redis did not restart", e);
            }
        }
    }

    /** Starts on {@code port}; with a {@code dataDir} the data is kept (append-only file) across restarts. */
    public static RedisServer start(int port, Path dataDir) {
        try {
            var builder = redis.embedded.RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("maxmemory 256mb")
                    .setting("maxmemory-policy volatile-lru");
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                builder.setting("dir " + dataDir.toAbsolutePath()).setting("appendonly yes")
                        .setting("pidfile " + dataDir.toAbsolutePath().resolve(PID_FILE));
            } else {
                builder.setting("save \"\"").setting("appendonly no");
            }
            redis.embedded.RedisServer server = builder.build();
            server.start();
            return new RedisServer(server, port);
        } catch (IOException e) {
            throw new UncheckedIOException("Redis did not start", e);
        }
    }

    public int port() {
        return port;
    }

    /** The running redis-server on the data in {@code dataDir}, whoever started it. */
    public static Optional<ProcessHandle> serverProcess(Path dataDir) {
        return ServerPidFile.process(dataDir.resolve(PID_FILE), "redis-server");
    }

    public boolean isRunning() {
        return server.isActive();
    }

    /** Stops the server process; tests use it to show that Parley degrades instead of failing. */
    public void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (server.isActive()) {
            stop();
        }
    }
}
