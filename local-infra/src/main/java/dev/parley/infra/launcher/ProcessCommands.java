package dev.parley.infra.launcher;

import dev.parley.infra.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The command line and environment each component is started with. */
final class ProcessCommands {

    /** The system's temporary folder, as this process sees it. */
    private static final Path SHARED_TEMP = Path.of(System.getProperty("java.io.tmpdir"));

    private final PlatformLayout layout;
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private final StartupCache startupCache;

    ProcessCommands(PlatformLayout layout) {
        this.layout = layout;
        this.startupCache = new StartupCache(layout, java);
    }

    /**
     * @param temp the process's own temporary folder ({@link PlatformLayout#tempDir}), its {@code java.io.tmpdir}:
     *             what it leaves there when killed (Tomcat's scratch folders, zonky's script) stays in the run's home
     */
    List<String> command(Component component, Path temp) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(JvmDefaults.options());
        command.add("-Djava.io.tmpdir=" + temp);
        String data = layout.dataDir(component).toString();
        String port = Integer.toString(layout.port(component));
        List<String> main = switch (component) {
            // Kafka's own start script's heap (kafka-server-start.sh, and so the apache/kafka image of compose): with
            // ~170 MiB live and room to grow, G1 kept the heap near 290 MiB and ran a concurrent cycle every ~30 s
            // under W3, 300 ms paused a minute; a fixed 1 GiB, 94 ms (docs/performance.md, stop 48)
            case KAFKA -> List.of("-Xms1g", "-Xmx1g", "-cp", layout.infraClasspath(),
                    "dev.parley.infra.InfraMain", "kafka", port, Integer.toString(layout.kafkaControllerPort()), data);
            case POSTGRES -> {
                // a new machine's first start unpacks PostgreSQL's xz archive, whose decoder alone wants 64 MiB
                // ... which is unpacked once for every run of this machine, where zonky keeps it by default
                List<String> postgres = new ArrayList<>(List.of("-Xmx256m", "-Dot.epg.working-dir=" + SHARED_TEMP
                        .resolve("embedded-pg"), "-cp", layout.infraClasspath(),
                        "dev.parley.infra.InfraMain", "postgres", port, data));
                postgres.addAll(Component.DATABASES);
                yield postgres;
            }
            case REDIS, HISTORY_CACHE_REDIS -> List.of("-Xmx64m", "-cp", layout.infraClasspath(),
                    "dev.parley.infra.InfraMain", component.id(), port, data);
            // the gateway holds every live connection (≈ 4 KiB of heap each, docs/performance.md)
            case WS_GATEWAY -> service(component, "-Xmx1g");
            default -> service(component, "-Xmx384m");
        };
        // extra JVM options go before the main class or jar, after the defaults, so they win (e.g. -Xmx1g)
        int mainAt = main.indexOf("-cp") >= 0 ? main.indexOf("-cp") : main.indexOf("-jar");
        command.addAll(main.subList(0, mainAt));
        command.addAll(extraJavaOptions(component));
        command.addAll(main.subList(mainAt, main.size()));
        return command;
    }

    private List<String> service(Component component, String maximumHeap) {
        List<String> options = new ArrayList<>(List.of("-Xms" + layout.initialHeap(component), maximumHeap));
        options.addAll(layout.startupCache() ? startupCache.launch(component)
                : List.of("-jar", layout.runnableJar(component).toString()));
        return options;
    }

    /** The same variable names every service reads (docs/service-conventions.md). */
    Map<String, String> environment(Component component) {
        String postgres = "jdbc:postgresql://127.0.0.1:" + layout.port(Component.POSTGRES) + "/";
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "SERVER_PORT", Integer.toString(layout.port(component)),
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + layout.port(Component.KAFKA),
                "REDIS_HOST", "127.0.0.1",
                "REDIS_PORT", Integer.toString(layout.port(Component.REDIS)),
                "PARLEY_ISSUER", layout.publicUrl(),
                "PARLEY_JWKS_URI", layout.serviceUrl(Component.AUTH_SERVICE) + "/.well-known/jwks.json",
                "AUTH_SERVICE_URL", layout.serviceUrl(Component.AUTH_SERVICE),
                "ROOM_SERVICE_URL", layout.serviceUrl(Component.ROOM_SERVICE),
                "MESSAGE_SERVICE_URL", layout.serviceUrl(Component.MESSAGE_SERVICE),
                "WS_GATEWAY_URL", "ws://127.0.0.1:" + layout.webSocketPort()));
        env.put("WS_GATEWAY_HTTP_URL", layout.serviceUrl(Component.WS_GATEWAY));
        if (component == Component.WS_GATEWAY) {
            env.put("PARLEY_WS_PORT", Integer.toString(layout.webSocketPort()));
        }
        if (component == Component.WS_GATEWAY || component == Component.API_GATEWAY) {
            // the edge's /ws route goes to the first ws-gateway, which takes the connections over (ADR 0023)
            layout.handoffSocket().ifPresent(socket -> env.put("PARLEY_WS_HANDOFF_SOCKET", socket.toString()));
        }
        switch (component) {
            case AUTH_SERVICE -> {
                env.put("DB_URL", postgres + "auth");
                env.put("PARLEY_KEY_ADMIN_TOKEN", keyAdminToken());
            }
            case ROOM_SERVICE -> env.put("DB_URL", postgres + "rooms");
            case MESSAGE_SERVICE -> {
                env.put("DB_URL", postgres + "messages");
                env.put("HISTORY_CACHE_REDIS_HOST", "127.0.0.1");
                env.put("HISTORY_CACHE_REDIS_PORT", Integer.toString(layout.port(Component.HISTORY_CACHE_REDIS)));
                // every instance's uploads in one directory of the run, so that any of them serves any file
                env.put("PARLEY_FILES_LOCAL_DIRECTORY", layout.dataDir(component).resolve("files").toString());
            }
            case POSTGRES -> env.putAll(PostgresServer.ALLOCATOR_ENVIRONMENT); // inherited by the server it starts
            default -> { }
        }
        return env;
    }

    /**
     * An extra instance: its service's environment on its own port. A ws-gateway instance gets a gateway
     * id of its own (command origins and its consumer groups); message-service instances share the
     * {@code message-service} group and so split the rooms' partitions between them.
     */
    Map<String, String> environment(Replica replica) {
        Map<String, String> env = environment(replica.component());
        env.put("SERVER_PORT", Integer.toString(layout.port(replica)));
        if (replica.component() == Component.WS_GATEWAY) {
            env.put("PARLEY_WS_PORT", Integer.toString(layout.webSocketPort(replica)));
            env.remove("PARLEY_WS_HANDOFF_SOCKET"); // the edge routes /ws to the first instance only
            env.put("PARLEY_WS_GATEWAY_ID", "gw" + replica.number() + "-" + UUID.randomUUID().toString().substring(0, 8));
        }
        return env;
    }

    /**
     * The run's operator token for auth-service's key endpoint: made on first use (so every instance of
     * auth-service in a run shares it), in a file only its owner can read; {@link Platform#start()} and
     * {@link Platform#stop()} delete it, so each run has its own.
     */
    String keyAdminToken() {
        Path file = layout.keyAdminTokenFile();
        try {
            Files.createDirectories(file.getParent());
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException e) {
                String existing = Files.readString(file).strip();
                if (!existing.isEmpty()) {
                    return existing;
                }
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.writeString(file, token);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep the key-management token in " + file, e);
        }
    }

    /** {@code PARLEY_JAVA_OPTS_<COMPONENT>}, e.g. {@code PARLEY_JAVA_OPTS_WS_GATEWAY="-Xmx1g"}. */
    private static List<String> extraJavaOptions(Component component) {
        return Optional.ofNullable(System.getenv("PARLEY_JAVA_OPTS_" + component.name()))
                .map(String::strip).filter(options -> !options.isEmpty())
                .map(options -> Arrays.asList(options.split("\\s+"))).orElse(List.of());
    }
}
