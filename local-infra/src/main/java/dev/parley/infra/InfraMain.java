package dev.parley.infra;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one piece of infrastructure in the foreground until the process is told to stop:
 * {@code kafka <port> <controllerPort> <dataDir>}, {@code postgres <port> <dataDir> <db>...},
 * {@code redis <port> <dataDir>} or {@code history-cache-redis <port> <dataDir>} (the recent-history cache's own
 * Redis). Prints {@code READY} once it serves. Used by {@code ./parley}.
 * Exits as soon as the PostgreSQL or Redis server it started dies, killed by anyone, so that it is
 * seen as stopped and can be started again.
 */
public final class InfraMain {

    private static final long SERVER_CHECK_MILLIS = 200;

    private InfraMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Logging.quiet();
        AutoCloseable component = switch (args[0]) {
            case "kafka" -> KafkaBroker.start(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Path.of(args[3]));
            case "postgres" -> {
                PostgresServer postgres = PostgresServer.start(Integer.parseInt(args[1]), Path.of(args[2]));
                for (int i = 3; i < args.length; i++) {
                    postgres.createDatabase(args[i]);
                }
                yield postgres;
            }
            case "redis" -> RedisServer.start(Integer.parseInt(args[1]), Path.of(args[2]));
            case "history-cache-redis" -> RedisServer.start(Integer.parseInt(args[1]), Path.of(args[2]),
                    RedisServer.Role.CACHE);
            default -> throw new IllegalArgumentException("Unknown component " + args[0]);
        };
        Optional<ProcessHandle> server = switch (args[0]) {
            case "postgres" -> PostgresServer.postmaster(Path.of(args[2]));
            case "redis", "history-cache-redis" -> RedisServer.serverProcess(Path.of(args[2]));
            default -> Optional.empty();
        };
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            try {
                component.close();
            } catch (Exception e) {
                System.err.println("Stopping " + args[0] + " failed: " + e);
            } finally {
                stopped.countDown();
            }
        }, "stop-" + args[0]));
        server.ifPresent(process -> exitWhenGone(args[0], process, stopping));
        System.out.println("READY " + args[0]);
        stopped.await();
    }

    /**
     * Polls rather than waits on {@link ProcessHandle#onExit()}: for a process that is not our child
     * that backs off to seconds, and waits for a zombie to be reaped. Halts, as there is nothing left
     * to stop gracefully.
     */
    private static void exitWhenGone(String name, ProcessHandle server, AtomicBoolean stopping) {
        Thread watcher = new Thread(() -> {
            while (!stopping.get() && ProcessLiveness.isRunning(server)) {
                try {
                    Thread.sleep(SERVER_CHECK_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (stopping.get()) {
                return; // stopped on purpose: the shutdown hook finishes
            }
            System.out.println("The " + name + " server (pid " + server.pid() + ") exited: stopping.");
            System.out.flush();
            Runtime.getRuntime().halt(1);
        }, "watch-" + name);
        watcher.setDaemon(true);
        watcher.start();
    }
}
