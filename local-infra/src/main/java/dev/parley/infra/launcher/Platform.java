package dev.parley.infra.launcher;

import dev.parley.infra.ProcessSignals;
import dev.parley.infra.ThrowAwayFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Starts and stops the whole platform as separate processes — Kafka, PostgreSQL, Redis, then the
 * five services — the same way for {@code ./parley up} and for the system tests; and extra instances
 * of a service beside it ({@link Replica}), for running scaled out on one machine.
 */
public final class Platform {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    /** A graceful stop takes seconds. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(120);
    /**
     * The first stop of a build's services also writes their startup caches ({@link StartupCache}), ~15 s of CPU
     * each, all at once: 68–78 s on a slow 2-core machine. Killed meanwhile, a service writes none, and the next
     * start records again.
     */
    private static final Duration CACHE_WRITING_STOP_TIMEOUT = Duration.ofMinutes(5);

    private final PlatformLayout layout;
    private final Consumer<String> progress;
    private final ProcessCommands commands;
    private final HealthProbe health;
    private final StateFile state;
    private final ComponentProcesses processes;

    public Platform(PlatformLayout layout, Consumer<String> progress) {
        this.layout = layout;
        this.progress = progress;
        this.commands = new ProcessCommands(layout);
        this.health = new HealthProbe(layout);
        this.state = new StateFile(layout.stateFile());
        this.processes = new ComponentProcesses(layout);
    }

    public PlatformLayout layout() {
        return layout;
    }

    /** Components of a previous start whose processes still run (or only their server: {@link #server}). */
    public List<Component> running() {
        return Arrays.stream(Component.values())
                .filter(c -> state.process(c.id()).isPresent() || server(c).isPresent()).toList();
    }

    /**
     * The server a component runs outside its own process, found through the pid file in its data
     * folder: PostgreSQL's postmaster (which daemonizes; its backends are its descendants) and
     * redis-server. A SIGKILL to it is a crash of the database or cache.
     */
    public Optional<ProcessHandle> server(Component component) {
        return processes.server(component);
    }

    /** Extra service instances ({@link #start(Replica)}) whose processes still run. */
    public List<Replica> runningReplicas() {
        List<Replica> replicas = new ArrayList<>();
        for (String name : state.names()) {
            for (Component component : Component.values()) {
                String number = name.startsWith(component.id() + "-") ? name.substring(component.id().length() + 1) : "";
                if (component.isService() && number.matches("[0-9]+") && state.process(name).isPresent()) {
                    replicas.add(new Replica(component, Integer.parseInt(number)));
                }
            }
        }
        return replicas;
    }

    /**
     * The live process of every running component and extra instance, by name ({@code kafka},
     * {@code ws-gateway-2}, …). Redis's server is a child process of its component's; PostgreSQL's
     * daemonizes: {@link #server(Component)} finds both.
     */
    public Map<String, ProcessHandle> processes() {
        Map<String, ProcessHandle> processes = new LinkedHashMap<>();
        for (Component component : Component.values()) {
            state.process(component.id()).ifPresent(process -> processes.put(component.id(), process));
        }
        for (Replica replica : runningReplicas()) {
            state.process(replica.id()).ifPresent(process -> processes.put(replica.id(), process));
        }
        return processes;
    }

    /** Starts everything and returns once every component is ready; on failure stops what it started. */
    public void start() {
        List<Component> busy = Arrays.stream(Component.values()).filter(c -> !portFree(layout.port(c))).toList();
        if (!busy.isEmpty()) {
            throw new IllegalStateException("Ports in use: " + busy.stream()
                    .map(c -> c.id() + " " + layout.port(c) + " (" + c.portVariable() + ")").toList()
                    + ". Stop what holds them, or choose other ports with those variables.");
        }
        if (!portFree(layout.webSocketPort())) {
            throw new IllegalStateException("Port " + layout.webSocketPort() + " of ws-gateway's WebSocket listener is in use ("
                    + PlatformLayout.WEB_SOCKET_PORT_VARIABLE + " chooses another)");
        }
        forgetKeyAdminToken(); // a new run, a new token
        try {
            startAll(Arrays.stream(Component.values()).filter(c -> !c.isService()).toList());
            startAll(Arrays.stream(Component.values()).filter(Component::isService).toList());
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** Stops extra instances and services first, then infrastructure, each with a grace period before it is killed. */
    public void stop() {
        runningReplicas().forEach(this::stop);
        List<Component> order = new ArrayList<>(Arrays.asList(Component.values()));
        java.util.Collections.reverse(order);
        stopAll(order.stream().filter(Component::isService).toList());
        stopAll(order.stream().filter(c -> !c.isService()).toList());
        state.delete();
        forgetKeyAdminToken();
    }

    private void forgetKeyAdminToken() {
        try {
            Files.deleteIfExists(layout.keyAdminTokenFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a stopped or killed component. Refuses, saying why, while it runs, while its server of an
     * earlier start runs on without it ({@code ./parley stop} ends that), or while its port is taken.
     */
    public void start(Component component) {
        state.process(component.id()).ifPresent(process -> {
            throw new IllegalStateException(component.id() + " is already running (pid " + process.pid() + ")");
        });
        server(component).ifPresent(server -> {
            throw new IllegalStateException("The " + component.id() + " server of an earlier start (pid " + server.pid()
                    + ") still runs, without the process that started it: ./parley stop " + component.id()
                    + " stops it");
        });
        if (!portFree(layout.port(component))) {
            throw new IllegalStateException("Port " + layout.port(component) + " of " + component.id() + " is in use ("
                    + component.portVariable() + " chooses another)");
        }
        startAll(List.of(component));
    }

    /**
     * Crashes a component as a container kill would: SIGKILL to its process, all its descendants and
     * its {@link #server}, PostgreSQL's backends included. No shutdown hook runs, so PostgreSQL
     * recovers from its WAL when started again. Returns once all of them are gone.
     */
    public void kill(Component component) {
        progress.accept("  killing  " + component.id());
        processes.kill(state.process(component.id()), server(component));
        state.forget(component.id());
    }

    /** Crashes an extra instance of a service the same way: SIGKILL to its process and descendants. */
    public void kill(Replica replica) {
        progress.accept("  killing  " + replica.spec());
        processes.kill(state.process(replica.id()), Optional.empty());
        state.forget(replica.id());
    }

    public void stop(Component component) {
        stopAll(List.of(component));
    }

    /**
     * Freezes a component as a stalled host or a long stop-the-world pause would: SIGSTOP to its process,
     * all its descendants and its {@link #server}. Its connections stay open and nothing on them is
     * answered until {@link #thaw(Component)}.
     */
    public void freeze(Component component) {
        progress.accept("  freezing " + component.id());
        processes.signal(ProcessSignals.Freeze.STOP, state.process(component.id()), server(component));
    }

    /** Resumes a frozen component: SIGCONT to the same processes. */
    public void thaw(Component component) {
        progress.accept("  thawing  " + component.id());
        processes.signal(ProcessSignals.Freeze.CONT, state.process(component.id()), server(component));
    }

    /** Freezes an extra instance of a service the same way. */
    public void freeze(Replica replica) {
        progress.accept("  freezing " + replica.spec());
        processes.signal(ProcessSignals.Freeze.STOP, state.process(replica.id()), Optional.empty());
    }

    public void thaw(Replica replica) {
        progress.accept("  thawing  " + replica.spec());
        processes.signal(ProcessSignals.Freeze.CONT, state.process(replica.id()), Optional.empty());
    }


    /** Starts an extra instance of a service beside the running platform and waits until it is ready. */
    public void start(Replica replica) {
        if (!portFree(layout.port(replica))) {
            throw new IllegalStateException("Port " + layout.port(replica) + " of " + replica.spec() + " is in use ("
                    + replica.portVariable() + " chooses another)");
        }
        awaitReady(launch(new Unit(replica.id(), replica.component(), layout.port(replica), layout.serviceUrl(replica),
                commands.environment(replica))));
    }

    public void stop(Replica replica) {
        stopNamed(List.of(replica.id()));
    }

    public int port(Replica replica) {
        return layout.port(replica);
    }

    /**
     * Whether a running component serves: a service answers its health UP, infrastructure takes connections on its
     * port. (Its log's READY line says so only at start: a busy server's log soon buries it.)
     */
    public boolean isReady(Component component) {
        return state.process(component.id()).isPresent() && (component.isService()
                ? health.isUp(layout.serviceUrl(component)) : health.accepts(layout.port(component)));
    }

    /** Whether an extra instance of a service runs and answers its health UP. */
    public boolean isReady(Replica replica) {
        return state.process(replica.id()).isPresent() && health.isUp(layout.serviceUrl(replica));
    }

    /**
     * A line per component and extra instance: pid, port and health; for PostgreSQL and Redis also their
     * server's pid (a {@code kill -9} of it crashes the database or cache), even when it outlived its wrapper.
     */
    public List<String> status() {
        List<String> lines = new ArrayList<>(Arrays.stream(Component.values()).map(c -> {
            Optional<ProcessHandle> process = state.process(c.id());
            Optional<ProcessHandle> server = server(c);
            String condition = process.isEmpty() ? (server.isEmpty() ? "stopped" : "orphaned")
                    : c.isService() ? health.status(c) : "running";
            return String.format("%-20s %-10s port %-6d %s", c.id(), condition, layout.port(c),
                    (process.map(p -> "pid " + p.pid() + " ").orElse("")
                            + server.map(p -> "server pid " + p.pid()).orElse("")).strip());
        }).toList());
        for (Replica replica : runningReplicas()) {
            lines.add(String.format("%-20s %-10s port %-6d %s", replica.spec(), health.status(layout.serviceUrl(replica)),
                    layout.port(replica), state.process(replica.id()).map(p -> "pid " + p.pid()).orElse("")));
        }
        return lines;
    }

    private void startAll(List<Component> components) {
        List<Launched> launched = components.stream().map(component -> launch(new Unit(component.id(), component,
                layout.port(component), layout.serviceUrl(component), commands.environment(component)))).toList();
        for (Launched one : launched) {
            awaitReady(one);
        }
    }

    /** What is launched: a component, or an extra instance of a service (then name, port and environment differ). */
    private record Unit(String name, Component component, int port, String serviceUrl, Map<String, String> environment) {
    }

    private record Launched(Unit unit, Process process, long logOffset, long startedAt) {
    }

    private Launched launch(Unit unit) {
        try {
            Files.createDirectories(layout.dataDir(unit.name()));
            Path log = layout.logFile(unit.name());
            Files.createDirectories(log.getParent());
            long offset = Files.exists(log) ? Files.size(log) : 0;
            Path temp = layout.tempDir(unit.name());
            ThrowAwayFolder.remove(temp); // what its killed predecessor left there
            Files.createDirectories(temp);
            ProcessBuilder builder = new ProcessBuilder(commands.command(unit.component(), temp))
                    .directory(layout.root().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(unit.environment());
            Process process = builder.start();
            StartupCache.started(builder.command(), process.toHandle());
            state.record(unit.name(), process.toHandle());
            progress.accept("  starting " + unit.name() + " on port " + unit.port() + " …");
            return new Launched(unit, process, offset, System.nanoTime());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + unit.name(), e);
        }
    }

    private void awaitReady(Launched launched) {
        Unit unit = launched.unit();
        long deadline = launched.startedAt() + START_TIMEOUT.toNanos();
        while (!(unit.component().isService() ? health.isUp(unit.serviceUrl())
                : health.saidReady(unit.component(), launched.logOffset()))) {
            if (!launched.process().isAlive()) {
                throw new IllegalStateException(unit.name() + " exited with code "
                        + launched.process().exitValue() + " — see " + layout.logFile(unit.name()) + "\n" + tail(unit.name()));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(unit.name() + " was not ready within " + START_TIMEOUT.toSeconds()
                        + " s — see " + layout.logFile(unit.name()) + "\n" + tail(unit.name()));
            }
            sleep(250);
        }
        progress.accept(String.format("  ready    %-20s (%.1f s)", unit.name(),
                (System.nanoTime() - launched.startedAt()) / 1e9));
    }

    /** Stops the components' processes, then any server of theirs that outlived its wrapper. */
    private void stopAll(List<Component> components) {
        stopNamed(components.stream().map(Component::id).toList());
        components.forEach(component -> processes.stopOrphanedServer(component, STOP_TIMEOUT, progress));
    }

    private void stopNamed(List<String> names) {
        Map<ProcessHandle, Duration> stopping = new LinkedHashMap<>();
        int writingCaches = 0;
        for (String name : names) {
            Optional<ProcessHandle> running = state.process(name);
            if (running.isEmpty()) {
                continue;
            }
            ProcessHandle process = running.get();
            boolean writesCache = StartupCache.recording(process);
            writingCaches += writesCache ? 1 : 0;
            progress.accept("  stopping " + name + (writesCache ? " (it writes its startup cache first)" : ""));
            // SIGTERM: services shut down gracefully, infrastructure stops its servers
            process.destroy();
            stopping.put(process, writesCache ? CACHE_WRITING_STOP_TIMEOUT : STOP_TIMEOUT);
        }
        if (writingCaches > 0) {
            progress.accept("  waiting for " + writingCaches + " startup cache" + (writingCaches == 1 ? "" : "s")
                    + ": written once per build, about a minute on two cores");
        }
        stopping.forEach((process, timeout) -> {
            try {
                process.onExit().get(timeout.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        });
        names.forEach(state::forget);
    }

    private String tail(String name) {
        try {
            List<String> lines = Files.readAllLines(layout.logFile(name));
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
