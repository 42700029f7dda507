package dev.parley.infra.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * The Java side of {@code ./parley}: {@code up [--detach]}, {@code down}, {@code status},
 * {@code start <component>}, {@code stop <component>}, {@code kill <component>} (a crash: SIGKILL) —
 * a component, or an extra instance of a service such as {@code ws-gateway#2}. Run from the checkout's root.
 */
public final class ParleyCli {

    private ParleyCli() {
    }

    public static void main(String[] args) throws InterruptedException {
        String command = args.length == 0 ? "help" : args[0];
        Platform platform = new Platform(PlatformLayout.standard(Path.of("").toAbsolutePath(),
                System.getProperty("java.class.path")), System.out::println);
        int exit = switch (command) {
            case "up" -> up(platform, List.of(args).contains("--detach"));
            case "down" -> down(platform);
            case "status" -> status(platform);
            case "start" -> each(args[1], platform::start, platform::start);
            case "stop" -> each(args[1], platform::stop, platform::stop);
            case "kill" -> each(args[1], platform::kill, platform::kill);
            default -> {
                System.out.println("usage: ./parley up [--detach] | down | status | logs [component] | "
                        + "start|stop|kill <component>  (an extra service instance: ws-gateway#2)");
                yield command.equals("help") ? 0 : 2;
            }
        };
        System.exit(exit);
    }

    /** Applies a command to a component, or to an extra instance of a service such as {@code ws-gateway#2}. */
    private static int each(String spec, Consumer<Component> onComponent, Consumer<Replica> onReplica) {
        try {
            if (Replica.isSpec(spec)) {
                onReplica.accept(Replica.parse(spec));
            } else {
                onComponent.accept(Component.byId(spec));
            }
            return 0;
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }

    private static int up(Platform platform, boolean detach) throws InterruptedException {
        List<Component> running = platform.running();
        if (!running.isEmpty()) {
            System.out.println("Parley is already running (" + running.size() + " of " + Component.values().length
                    + " components). See ./parley status; stop it with ./parley down.");
            return 1;
        }
        long started = System.nanoTime();
        System.out.println("Starting Parley (data in " + platform.layout().home().resolve("data") + ", logs in "
                + platform.layout().home().resolve("logs") + ")");
        CountDownLatch forever = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
        if (!detach) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopping.set(true);
                System.out.println("\nStopping Parley …");
                platform.stop();
                System.out.println("Stopped.");
                forever.countDown();
            }, "parley-stop"));
        }
        try {
            platform.start();
        } catch (RuntimeException e) {
            System.err.println("\nParley did not start: " + e.getMessage());
            return 1;
        }
        System.out.printf("%nParley is up in %.0f s: %s  (WebSocket: ws://localhost:%d/ws)%n",
                (System.nanoTime() - started) / 1e9, platform.layout().publicUrl(),
                platform.layout().port(Component.API_GATEWAY));
        if (detach) {
            System.out.println("Running in the background. Stop it with ./parley down; logs: ./parley logs");
            return 0;
        }
        System.out.println("Press Ctrl-C to stop (or run ./parley down from another terminal).");
        List<Component> reported = new java.util.ArrayList<>();
        while (!forever.await(2, java.util.concurrent.TimeUnit.SECONDS) && !stopping.get()) {
            List<Component> alive = platform.running();
            if (alive.isEmpty()) {
                System.out.println("Parley was stopped.");
                return 0;
            }
            for (Component component : Component.values()) {
                if (!alive.contains(component) && !reported.contains(component)) {
                    reported.add(component);
                    System.out.println("  " + component.id() + " is not running — ./parley logs " + component.id());
                }
            }
        }
        return 0;
    }

    private static int down(Platform platform) {
        if (platform.running().isEmpty()) {
            System.out.println("Parley is not running.");
            return 0;
        }
        System.out.println("Stopping Parley …");
        platform.stop();
        System.out.println("Stopped.");
        return 0;
    }

    private static int status(Platform platform) {
        platform.status().forEach(System.out::println);
        return platform.running().isEmpty() ? 3 : 0;
    }
}
