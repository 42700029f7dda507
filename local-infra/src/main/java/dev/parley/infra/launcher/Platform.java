package dev.parley.infra.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Starts and stops the whole platform as separate processes — Kafka, PostgreSQL, Redis, then the
 * five services — the same way for {@code ./parley up} and for the system tests.
 */
public final class Platform {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final PlatformLayout layout;
    private final Consumer<String> progress;
    private final ProcessCommands commands;
    private final HealthProbe health;
    private final StateFile state;

    public Platform(PlatformLayout layout, Consumer<String> progress) {
        this.layout = layout;
        this.progress = progress;
        this.commands = new ProcessCommands(layout);
        this.health = new HealthProbe(layout);
        this.state = new StateFile(layout.stateFile());
    }

    public PlatformLayout layout() {
        return layout;
    }

    /** Components of a previous start whose processes still run. */
    public List<Component> running() {
        return Arrays.stream(Component.values()).filter(c -> state.process(c.id()).isPresent()).toList();
    }

    /** Starts everything and returns once every component is ready; on failure stops what it started. */
    public void start() {
        List<Component> busy = Arrays.stream(Component.values()).filter(c -> !portFree(layout.port(c))).toList();
        if (!busy.isEmpty()) {
            throw new IllegalStateException("Ports in use: " + busy.stream()
                    .map(c -> c.id() + " " + layout.port(c) + " (" + c.portVariable() + ")").toList()
                    + ". Stop what holds them, or choose other ports with those variables.");
        }
        try {
            startAll(Arrays.stream(Component.values()).filter(c -> !c.isService()).toList());
            startAll(Arrays.stream(Component.values()).filter(Component::isService).toList());
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** Stops services first, then infrastructure, each with a grace period before it is killed. */
    public void stop() {
        List<Component> order = new ArrayList<>(Arrays.asList(Component.values()));
        java.util.Collections.reverse(order);
        stopAll(order.stream().filter(Component::isService).toList());
        stopAll(order.stream().filter(c -> !c.isService()).toList());
        state.delete();
    }

    public void start(Component component) {
        startAll(List.of(component));
    }

    public void stop(Component component) {
        stopAll(List.of(component));
    }

    public boolean isReady(Component component) {
        return state.process(component.id()).isPresent() && health.isReady(component, 0);
    }

    /** A line per component: pid, port and health. */
    public List<String> status() {
        return Arrays.stream(Component.values()).map(c -> {
            Optional<ProcessHandle> process = state.process(c.id());
            String condition = process.isEmpty() ? "stopped"
                    : c.isService() ? health.status(c) : "running";
            return String.format("%-16s %-10s port %-6d %s", c.id(), condition, layout.port(c),
                    process.map(p -> "pid " + p.pid()).orElse(""));
        }).toList();
    }

    private void startAll(List<Component> components) {
        List<Launched> launched = components.stream().map(this::launch).toList();
        for (Launched one : launched) {
            awaitReady(one);
        }
    }

    private record Launched(Component component, Process process, long logOffset, long startedAt) {
    }

    private Launched launch(Component component) {
        try {
            Files.createDirectories(layout.dataDir(component));
            Path log = layout.logFile(component);
            Files.createDirectories(log.getParent());
            long offset = Files.exists(log) ? Files.size(log) : 0;
            ProcessBuilder builder = new ProcessBuilder(commands.command(component))
                    .directory(layout.root().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(commands.environment(component));
            Process process = builder.start();
            state.record(component.id(), process.toHandle());
            progress.accept("  starting " + component.id() + " on port " + layout.port(component) + " …");
            return new Launched(component, process, offset, System.nanoTime());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + component.id(), e);
        }
    }

    private void awaitReady(Launched launched) {
        Component component = launched.component();
        long deadline = launched.startedAt() + START_TIMEOUT.toNanos();
        while (!health.isReady(component, launched.logOffset())) {
            if (!launched.process().isAlive()) {
                throw new IllegalStateException(component.id() + " exited with code "
                        + launched.process().exitValue() + " — see " + layout.logFile(component) + "\n" + tail(component));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(component.id() + " was not ready within " + START_TIMEOUT.toSeconds()
                        + " s — see " + layout.logFile(component) + "\n" + tail(component));
            }
            sleep(250);
        }
        progress.accept(String.format("  ready    %-16s (%.1f s)", component.id(),
                (System.nanoTime() - launched.startedAt()) / 1e9));
    }

    private void stopAll(List<Component> components) {
        List<ProcessHandle> stopping = new ArrayList<>();
        for (Component component : components) {
            state.process(component.id()).ifPresent(process -> {
                progress.accept("  stopping " + component.id());
                // SIGTERM: services shut down gracefully, infrastructure stops its servers
                process.destroy();
                stopping.add(process);
            });
        }
        for (ProcessHandle process : stopping) {
            try {
                process.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        }
        components.forEach(component -> state.forget(component.id()));
    }

    private String tail(Component component) {
        try {
            List<String> lines = Files.readAllLines(layout.logFile(component));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting", e);
        }
    }
}
