package dev.parley.deployment.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.deployment.compose.ComposeFile;
import dev.parley.infra.FreePorts;
import dev.parley.infra.Infrastructure;
import dev.parley.infra.launcher.Component;
import dev.parley.infra.launcher.PlatformLayout;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The image tarballs the {@code images} profile builds (docs/adr/0017-images-with-jib.md): each one is
 * named as the manifests expect, runs as a non-root user, is layered, and — run the way a container
 * runtime runs it, from its own root file system — starts its service until it is ready against real
 * Kafka, PostgreSQL and Redis.
 */
@EnabledIfSystemProperty(named = "parley.images", matches = "true")
class ImageTests {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Duration READY_WITHIN = Duration.ofSeconds(150);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    enum Service {
        AUTH_SERVICE("auth-service", "dev.parley.auth.AuthServiceApplication", "auth", "64m"),
        ROOM_SERVICE("room-service", "dev.parley.room.RoomServiceApplication", "rooms", "64m"),
        MESSAGE_SERVICE("message-service", "dev.parley.message.MessageServiceApplication", "messages", "256m"),
        WS_GATEWAY("ws-gateway", "dev.parley.gateway.ws.WsGatewayApplication", null, "256m"),
        API_GATEWAY("api-gateway", "dev.parley.gateway.api.ApiGatewayApplication", null, "256m");

        final String module;
        final String mainClass;
        final String database;
        /**
         * The heap the service starts with, in its image and on the local platform: 64 MiB, or 256 MiB for the two
         * services on every message's path.
         */
        final String initialHeap;

        Service(String module, String mainClass, String database, String initialHeap) {
            this.module = module;
            this.mainClass = mainClass;
            this.database = database;
            this.initialHeap = initialHeap;
        }

        Path tarball() {
            return ROOT.resolve(module).resolve("target/jib-image.tar");
        }
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void imageIsNamedLayeredAndRunsAsNonRoot(Service service, @TempDir Path work) throws Exception {
        OciImage image = OciImage.open(service.tarball(), work.resolve("layout"));

        assertThat(image.reference()).isEqualTo("ghcr.io/parley-chat/" + service.module + ":" + projectVersion());
        assertThat(image.user()).isEqualTo("10001:10001");
        assertThat(image.entrypoint()).startsWith("java").contains("-Xms" + service.initialHeap, "-XX:MaxRAMPercentage=75",
                "-XX:+ExitOnOutOfMemoryError")
                .endsWith("-cp", "@/app/jib-classpath-file", service.mainClass);
        // ./parley starts the service with the heap its jar names (PlatformLayout.initialHeap), as the image does
        assertThat(PlatformLayout.standard(ROOT, "").initialHeap(Component.valueOf(service.name())))
                .isEqualTo(service.initialHeap);
        assertThat(image.labels()).containsEntry("org.opencontainers.image.licenses", "Apache-2.0")
                .containsEntry("org.opencontainers.image.title", service.module);
        // the runtime, the dependencies, the project's own modules, resources, classes: a code change
        // rebuilds and ships only the last layers
        assertThat(image.layers()).hasSizeGreaterThanOrEqualTo(5);
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void serviceStartsFromItsImageAndBecomesReady(Service service, @TempDir Path work) throws Exception {
        assumeTrue(ContainerRun.possibleHere(), "running an image without a runtime needs root, unshare and chroot");
        OciImage image = OciImage.open(service.tarball(), work.resolve("layout"));
        Path rootfs = work.resolve("rootfs");
        image.unpackInto(rootfs);
        int port = FreePorts.next();

        try (ContainerRun run = ContainerRun.start(image, rootfs, environment(service, port), work.resolve("output.log"))) {
            awaitReady(run, port);
            assertThat(processUser(run)).as("the service runs as the image's user").isEqualTo(10001);
            assertThat(composeHealthcheck(service, image, rootfs, port, work)).as("docker-compose.yml's healthcheck, in the image")
                    .isZero();
        }
    }

    private static Map<String, String> environment(Service service, int port) {
        Infrastructure infra = Infrastructure.shared();
        Map<String, String> environment = new HashMap<>(Map.of(
                "SERVER_PORT", Integer.toString(port),
                // ws-gateway's WebSocket listener, 8085 unless told: a platform running on this machine may hold that
                "PARLEY_WS_PORT", Integer.toString(FreePorts.next()),
                "KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers(),
                "REDIS_HOST", "127.0.0.1",
                "REDIS_PORT", Integer.toString(infra.redis().port()),
                "DB_USER", infra.postgres().username(),
                // an address nothing answers on: readiness must not depend on another service
                "PARLEY_JWKS_URI", "http://127.0.0.1:9/.well-known/jwks.json"));
        if (service.database != null) {
            String database = service.database + "_image";
            infra.postgres().createDatabase(database);
            environment.put("DB_URL", infra.postgres().jdbcUrl(database));
        }
        return environment;
    }

    private static void awaitReady(ContainerRun run, int port) throws InterruptedException {
        HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(READY_WITHIN);
        while (Instant.now().isBefore(deadline)) {
            if (!run.isAlive()) {
                fail("the service exited before it was ready:\n" + run.output());
            }
            try {
                if (HTTP.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        fail("not ready within " + READY_WITHIN + ":\n" + run.output());
    }

    /** The service's healthcheck from docker-compose.yml, run in its image, asking the port it listens on here. */
    private static int composeHealthcheck(Service service, OciImage image, Path rootfs, int port, Path work) throws Exception {
        List<String> test = ComposeFile.load(ROOT.resolve("docker-compose.yml")).service(service.module).healthcheckTest();
        assertThat(test).as("%s's compose healthcheck", service.module).first().isEqualTo("CMD");
        List<String> healthcheck = test.stream().skip(1)
                .map(argument -> argument.replaceFirst("^http://127\\.0\\.0\\.1:\\d+/", "http://127.0.0.1:" + port + "/"))
                .toList();
        try (ContainerRun check = ContainerRun.start(image, rootfs, healthcheck, Map.of(), work.resolve("healthcheck.log"))) {
            return check.exitCode(Duration.ofSeconds(30));
        }
    }

    /** The uid of the JVM inside the container, read from the host's /proc. */
    private static int processUser(ContainerRun run) throws IOException {
        return run.javaProcess()
                .map(pid -> {
                    try {
                        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                                .filter(line -> line.startsWith("Uid:"))
                                .map(line -> Integer.parseInt(line.split("\\s+")[1]))
                                .findFirst().orElseThrow();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .orElseThrow(() -> new AssertionError("no java process in the container"));
    }

    private static String projectVersion() {
        return System.getProperty("parley.version", "0.1.0-SNAPSHOT");
    }
}
