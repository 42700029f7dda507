package dev.parley.infra.launcher;

import dev.parley.infra.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a platform run lives: the checkout it runs from (service jars under
 * {@code <module>/target}), its home folder ({@code .parley}: data, logs, state), and its ports.
 */
public record PlatformLayout(Path root, Path home, Map<Component, Integer> ports, int kafkaControllerPort,
                             int webSocketPort, String infraClasspath, boolean startupCache, boolean handoff) {

    /** A Unix domain socket's path holds at most 107 bytes (sun_path); one this long or longer goes under /tmp. */
    private static final int MAX_SOCKET_PATH = 100;

    /** The manifest attribute a service's jar names its initial heap in (root pom, {@code maven-jar-plugin}). */
    public static final String INITIAL_HEAP = "Parley-Initial-Heap";

    private static final Pattern HEAP_SIZE = Pattern.compile("[1-9][0-9]*[kKmMgG]?");

    /** Overrides ws-gateway's WebSocket port (8085 by default, its HTTP port + 1). */
    public static final String WEB_SOCKET_PORT_VARIABLE = "PARLEY_PORT_WS_GATEWAY_WEBSOCKET";

    /** The contract's ports, each overridable by {@code PARLEY_PORT_<COMPONENT>}. */
    public static PlatformLayout standard(Path root, String infraClasspath) {
        Map<Component, Integer> ports = new EnumMap<>(Component.class);
        for (Component component : Component.values()) {
            ports.put(component, Optional.ofNullable(System.getenv(component.portVariable()))
                    .map(Integer::parseInt).orElse(component.defaultPort()));
        }
        int controller = Optional.ofNullable(System.getenv("PARLEY_PORT_KAFKA_CONTROLLER"))
                .map(Integer::parseInt).orElse(9093);
        // ws-gateway serves /ws on a port of its own, beside its HTTP API (ADR 0022)
        int webSocket = Optional.ofNullable(System.getenv(WEB_SOCKET_PORT_VARIABLE)).map(Integer::parseInt)
                .orElse(Component.WS_GATEWAY.defaultPort() + 1);
        // extracted jars and AOT caches (StartupCache), unless PARLEY_STARTUP_CACHE=off
        boolean startupCache = !"off".equals(System.getenv("PARLEY_STARTUP_CACHE"));
        // the edge hands /ws connections to ws-gateway (ADR 0023), unless PARLEY_WS_HANDOFF=off: then it relays them
        boolean handoff = !"off".equals(System.getenv("PARLEY_WS_HANDOFF"));
        return new PlatformLayout(root, root.resolve(".parley"), ports, controller, webSocket, infraClasspath,
                startupCache, handoff);
    }

    /**
     * Random free ports, for tests that run beside anything else on the machine. Their services start from a
     * copy of the jar, without a startup cache: recording one would slow every test run's start and stop.
     */
    public static PlatformLayout onFreePorts(Path root, Path home, String infraClasspath) {
        Component[] components = Component.values();
        int[] free = FreePorts.distinct(components.length + 2); // + Kafka's controller, ws-gateway's WebSocket port
        Map<Component, Integer> ports = new EnumMap<>(Component.class);
        for (int i = 0; i < components.length; i++) {
            ports.put(components[i], free[i]);
        }
        return new PlatformLayout(root, home, ports, free[components.length], free[components.length + 1],
                infraClasspath, false, true);
    }

    public int port(Component component) {
        return ports.get(component);
    }

    /** An extra instance's port: {@code PARLEY_PORT_<COMPONENT>_<n>}, else its service's port + 10 × (n − 1). */
    public int port(Replica replica) {
        return Optional.ofNullable(System.getenv(replica.portVariable())).map(Integer::parseInt)
                .orElse(port(replica.component()) + 10 * (replica.number() - 1));
    }

    /** ws-gateway's WebSocket port for an extra instance: its first instance's + 10 × (n − 1), as for HTTP. */
    public int webSocketPort(Replica replica) {
        return webSocketPort + 10 * (replica.number() - 1);
    }

    public Path dataDir(Component component) {
        return dataDir(component.id());
    }

    public Path dataDir(String name) {
        return home.resolve("data").resolve(name);
    }

    public Path logFile(Component component) {
        return logFile(component.id());
    }

    public Path logFile(String name) {
        return home.resolve("logs").resolve(name + ".log");
    }

    /**
     * Where ws-gateway takes over the edge's {@code /ws} connections (ADR 0023), when {@link #handoff()}:
     * in the run's folder, or — should that path be too long for a socket — in a folder of its own under /tmp.
     */
    public Optional<Path> handoffSocket() {
        if (!handoff) {
            return Optional.empty();
        }
        Path socket = home.toAbsolutePath().resolve("run").resolve("ws-gateway.sock");
        if (socket.toString().length() >= MAX_SOCKET_PATH) {
            String run = Integer.toHexString(home.toAbsolutePath().toString().hashCode());
            socket = Path.of(System.getProperty("java.io.tmpdir"), "parley-" + run, "ws-gateway.sock");
        }
        return Optional.of(socket);
    }

    /**
     * A process's own temporary folder ({@code java.io.tmpdir}), emptied before each of its starts: what a process
     * killed -9 leaves behind there (Tomcat's scratch folders, zonky's scripts) goes with its next start, or with
     * the home, instead of piling up in the system's /tmp.
     */
    public Path tempDir(String name) {
        return home.resolve("tmp").resolve(name);
    }

    public Path stateFile() {
        return home.resolve("state.properties");
    }

    /**
     * The operator token auth-service's key endpoint requires ({@code PARLEY_KEY_ADMIN_TOKEN}): random
     * per run, readable by its owner only, e.g. {@code curl -H "Authorization: Bearer $(cat .parley/key-admin-token)"}.
     */
    public Path keyAdminTokenFile() {
        return home.resolve("key-admin-token");
    }

    /** The public URL clients use, and the token issuer. */
    public String publicUrl() {
        return "http://localhost:" + port(Component.API_GATEWAY);
    }

    public String serviceUrl(Component component) {
        return "http://127.0.0.1:" + port(component);
    }

    public String serviceUrl(Replica replica) {
        return "http://127.0.0.1:" + port(replica);
    }

    /**
     * The jar a service process runs: a copy of its module's jar under {@code <home>/run}. A build
     * ({@code ./mvnw verify}) rewrites {@code target/*.jar} in place, which a JVM running that very file
     * does not survive (classes it has not loaded yet fail with NoClassDefFoundError); the copy is
     * replaced by renaming, so a process still running an older copy keeps its file.
     */
    public Path runnableJar(Component component) {
        Path source = serviceJar(component);
        try {
            Path run = Files.createDirectories(home.resolve("run"));
            Path copy = run.resolve(component.id() + ".jar");
            Path next = Files.createTempFile(run, component.id() + "-", ".jar.tmp");
            try {
                Files.copy(source, next, StandardCopyOption.REPLACE_EXISTING);
                Files.move(next, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(next); // only left when the copy or the rename failed
            }
            return copy;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The heap a service starts with, as its image does: its jar's {@value #INITIAL_HEAP} (the module's
     * {@code parley.initial-heap}, root pom). From a 64 MiB start G1 ran back-to-back concurrent cycles under
     * load in ws-gateway and message-service, and in api-gateway through a connection storm; those three set 256 MiB
     * (docs/performance.md, tuning log).
     */
    public String initialHeap(Component component) {
        Path jar = serviceJar(component);
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String heap = manifest == null ? null : manifest.getMainAttributes().getValue(INITIAL_HEAP);
            if (heap == null || !HEAP_SIZE.matcher(heap).matches()) {
                throw new IllegalStateException(jar + " names no initial heap (" + INITIAL_HEAP + ": " + heap
                        + ") — build it again: ./mvnw -B package -DskipTests");
            }
            return heap;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Could not read the manifest of " + jar, e);
        }
    }

    /** The Boot jar of a service module, e.g. {@code auth-service/target/auth-service-0.1.0-SNAPSHOT.jar}. */
    public Path serviceJar(Component component) {
        Path target = root.resolve(component.id()).resolve("target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(file -> file.getFileName().toString().matches(component.id() + "-[0-9].*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No jar for " + component.id() + " in " + target
                            + " — build first: ./mvnw -B package -DskipTests"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
