package dev.parley.infra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import redis.embedded.core.ExecutableProvider;
import redis.embedded.core.RedisServerBuilder;

/**
 * A real redis-server binary (codemonstur embedded-redis) run as a child process on loopback. With a
 * data folder it writes its pid to {@code redis.pid} there ({@link #serverProcess(Path)}), so it can be
 * found should this process die before it. The binary is unpacked into a folder of its own, removed on
 * close, and the configuration file the library writes for each start is removed once the server has read it.
 */
public final class RedisServer implements AutoCloseable {

    private static final String PID_FILE = "redis.pid";

    private final RedisServerBuilder builder;
    private final int port;
    private final Path binaryFolder;
    private redis.embedded.RedisServer server;

    private RedisServer(RedisServerBuilder builder, int port, Path binaryFolder) {
        this.builder = builder;
        this.port = port;
        this.binaryFolder = binaryFolder;
    }

    /** Starts the server again on the same port after {@link #stop()}; tests use it to end an outage. */
    public synchronized void restart() {
        if (!server.isActive()) {
            try {
                launch();
            } catch (IOException e) {
                throw new UncheckedIOException("Redis did not restart", e);
            }
        }
    }

    /**
     * What a Redis is for, and so what it does once its memory ({@link #MAX_MEMORY}) is full
     * (docs/adr/0028-a-redis-of-its-own-for-the-history-cache.md).
     */
    public enum Role {
        /**
         * The platform's Redis — login throttle, presence and connection counts, the edge's rate limits: nothing is
         * evicted, past its memory a write fails instead. With a data folder its data is kept (append-only file).
         */
        COORDINATION("noeviction", true),
        /** The recent-history cache: any key may go, the least recently used first; nothing is kept on disk. */
        CACHE("allkeys-lru", false);

        private final String policy;
        private final boolean persisted;

        Role(String policy, boolean persisted) {
            this.policy = policy;
            this.persisted = persisted;
        }
    }

    /** The memory budget of a local Redis, of either role. */
    public static final String MAX_MEMORY = "256mb";

    /** The platform's Redis ({@link Role#COORDINATION}) on {@code port}. */
    public static RedisServer start(int port, Path dataDir) {
        return start(port, dataDir, Role.COORDINATION);
    }

    /**
     * Starts on {@code port}; with a {@code dataDir} its pid is kept there, and — for {@link Role#COORDINATION} — its
     * data (append-only file) across restarts.
     */
    public static RedisServer start(int port, Path dataDir, Role role) {
        Path binaryFolder = ThrowAwayFolder.create("parley-redis");
        try {
            File binary = ExecutableProvider.newJarResourceProvider(binaryFolder.toFile()).get();
            RedisServerBuilder builder = redis.embedded.RedisServer.newRedisServer()
                    .executableProvider(() -> binary)
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("maxmemory " + MAX_MEMORY)
                    .setting("maxmemory-policy " + role.policy);
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                builder.setting("dir " + dataDir.toAbsolutePath())
                        .setting("pidfile " + dataDir.toAbsolutePath().resolve(PID_FILE));
            }
            if (dataDir != null && role.persisted) {
                builder.setting("appendonly yes");
            } else {
                builder.setting("save \"\"").setting("appendonly no");
            }
            RedisServer server = new RedisServer(builder, port, binaryFolder);
            server.launch();
            return server;
        } catch (IOException e) {
            ThrowAwayFolder.remove(binaryFolder);
            throw new UncheckedIOException("Redis did not start", e);
        }
    }

    /** The library writes a new configuration file for every command line it builds: [binary, file, --port, port]. */
    private void launch() throws IOException {
        List<String> command = builder.buildCommandArgs();
        server = new redis.embedded.RedisServer(port, command, false);
        try {
            server.start();
        } finally {
            Files.deleteIfExists(Path.of(command.get(1)));
        }
    }

    Path binaryFolder() {
        return binaryFolder;
    }

    public int port() {
        return port;
    }

    /** The running redis-server on the data in {@code dataDir}, whoever started it. */
    public static Optional<ProcessHandle> serverProcess(Path dataDir) {
        return ServerPidFile.process(dataDir.resolve(PID_FILE), "redis-server");
    }

    public synchronized boolean isRunning() {
        return server.isActive();
    }

    /** Stops the server process; tests use it to show that Parley degrades instead of failing. */
    public synchronized void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (server.isActive()) {
            stop();
        }
        ThrowAwayFolder.remove(binaryFolder);
    }
}
