package dev.parley.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real redis-server binary (codemonstur embedded-redis) run as a child process on loopback. */
public final class RedisServer implements AutoCloseable {

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
                builder.setting("dir " + dataDir.toAbsolutePath()).setting("appendonly yes");
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
