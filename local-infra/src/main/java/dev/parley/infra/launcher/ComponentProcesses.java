package dev.parley.infra.launcher;

import dev.parley.infra.PostgresServer;
import dev.parley.infra.ProcessLiveness;
import dev.parley.infra.ProcessSignals;
import dev.parley.infra.RedisServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.SequencedCollection;
import java.util.function.Consumer;

/**
 * The processes a component runs beyond the one {@code ./parley} starts: PostgreSQL's postmaster,
 * which daemonizes through {@code pg_ctl} and so is no descendant of its wrapper, with its backends;
 * and Redis's server, a child of its wrapper that outlives a wrapper killed with SIGKILL. Both are
 * found through the pid file in the component's data folder, so never a process of someone else.
 */
final class ComponentProcesses {

    private static final Duration GONE_TIMEOUT = Duration.ofSeconds(30);

    private final PlatformLayout layout;

    ComponentProcesses(PlatformLayout layout) {
        this.layout = layout;
    }

    /** The server a component runs outside its own process: PostgreSQL's postmaster or redis-server. */
    Optional<ProcessHandle> server(Component component) {
        return switch (component) {
            case POSTGRES -> PostgresServer.postmaster(layout.dataDir(component));
            case REDIS, HISTORY_CACHE_REDIS -> RedisServer.serverProcess(layout.dataDir(component));
            default -> Optional.empty();
        };
    }

    /**
     * SIGKILL to the server and its descendants first (a dead postmaster forks no more backends), then
     * to the process and its descendants, deepest first; returns once every one of them is gone.
     */
    void kill(Optional<ProcessHandle> process, Optional<ProcessHandle> server) {
        SequencedCollection<ProcessHandle> victims = new LinkedHashSet<>();
        server.ifPresent(root -> victims.addAll(ProcessSignals.withDescendants(root)));
        process.ifPresent(root -> victims.addAll(ProcessSignals.withDescendants(root).reversed()));
        victims.forEach(ProcessHandle::destroyForcibly);
        awaitGone(victims, GONE_TIMEOUT);
    }

    /**
     * SIGSTOP (freeze) or SIGCONT (thaw) to the server and its descendants and to the process and its
     * descendants: a frozen component keeps its sockets open and answers nothing, as on a stalled host or in a
     * long stop-the-world pause. Returns once each process acted on it.
     */
    void signal(ProcessSignals.Freeze freeze, Optional<ProcessHandle> process, Optional<ProcessHandle> server) {
        List<ProcessHandle> tree = new ArrayList<>();
        server.ifPresent(root -> tree.addAll(ProcessSignals.withDescendants(root)));
        process.ifPresent(root -> tree.addAll(ProcessSignals.withDescendants(root)));
        if (tree.isEmpty()) {
            throw new IllegalStateException("No process to " + freeze.verb());
        }
        try {
            // a backend that ended between listing and signalling is no failure: kill signals the others
            freeze.send(tree);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot " + freeze.verb() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stops a server whose wrapper is gone (killed, or it gave up waiting): PostgreSQL with SIGINT, its
     * fast shutdown; Redis with SIGTERM. Kills it once {@code timeout} has passed.
     */
    void stopOrphanedServer(Component component, Duration timeout, Consumer<String> progress) {
        server(component).ifPresent(server -> {
            progress.accept("  stopping the " + component.id() + " server (pid " + server.pid()
                    + "), which outlived its wrapper");
            List<ProcessHandle> tree = ProcessSignals.withDescendants(server);
            if (component == Component.POSTGRES) {
                interrupt(server);
            } else {
                server.destroy();
            }
            if (!isGoneWithin(List.of(server), timeout)) {
                tree.forEach(ProcessHandle::destroyForcibly);
                awaitGone(tree, GONE_TIMEOUT);
            }
        });
    }

    private static void awaitGone(SequencedCollection<ProcessHandle> processes, Duration timeout) {
        if (!isGoneWithin(processes, timeout)) {
            throw new IllegalStateException("Still alive " + timeout.toSeconds() + " s after SIGKILL: pids "
                    + processes.stream().filter(ProcessLiveness::isRunning).map(ProcessHandle::pid).toList());
        }
    }

    /**
     * Polls: {@link ProcessHandle#onExit()} of a process that is not our child backs off to seconds, and
     * waits for a zombie to be reaped.
     */
    private static boolean isGoneWithin(SequencedCollection<ProcessHandle> processes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (processes.stream().anyMatch(ProcessLiveness::isRunning)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** SIGINT: PostgreSQL's fast shutdown. */
    private static void interrupt(ProcessHandle process) {
        try {
            ProcessSignals.send("-INT", List.of(process));
        } catch (IOException e) {
            process.destroy(); // SIGTERM: a smart shutdown, which waits for clients; the timeout still holds
        }
    }
}
