package dev.parley.infra;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one piece of infrastructure in the foreground until the process is told to stop:
 * {@code kafka <port> <controllerPort> <dataDir>}, {@code postgres <port> <dataDir> <db>...} or
 * {@code redis <port> <dataDir>}. Prints {@code READY} once it serves. Used by {@code ./parley}.
 */
public final class InfraMain {

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
            default -> throw new IllegalArgumentException("Unknown component " + args[0]);
        };
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                component.close();
            } catch (Exception e) {
                System.err.println("Stopping " + args[0] + " failed: " + e);
            } finally {
                stopped.countDown();
            }
        }, "stop-" + args[0]));
        System.out.println("READY " + args[0]);
        stopped.await();
    }
}
