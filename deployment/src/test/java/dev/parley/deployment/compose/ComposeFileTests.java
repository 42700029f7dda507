package dev.parley.deployment.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.Topic;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker-compose.yml against what the services read (their application.yml), the contract's topics
 * (common-events {@link Topic}) and the Prometheus configuration. Every check also runs on a copy of the
 * file with one thing broken, and must say so: a check that cannot fail proves nothing.
 */
class ComposeFileTests {

    static final Path REPOSITORY = repository();
    private static final String COMPOSE = read(REPOSITORY.resolve("docker-compose.yml"));
    private static final Map<String, Object> PROMETHEUS = new Yaml(new SafeConstructor(new LoaderOptions()))
            .load(read(REPOSITORY.resolve("observability/prometheus/prometheus.yml")));
    /** The only ports the host sees: the API, and Grafana and Prometheus for this machine alone. */
    private static final Map<String, Map.Entry<Integer, String>> PUBLIC_PORTS = Map.of(
            "api-gateway", Map.entry(8080, ""),
            "grafana", Map.entry(3000, "127.0.0.1"),
            "prometheus", Map.entry(9090, "127.0.0.1"));

    private static final Map<String, Long> TOPICS = Arrays.stream(Topic.values())
            .collect(Collectors.toMap(Topic::topicName, Topic::retentionMs, (a, b) -> a, TreeMap::new));

    @Test
    void theFileIsReadWithItsAnchorsAndMergeKeysResolved() {
        ComposeFile file = ComposeFile.parse(new StringReader(read(resource("compose/merge-keys.yml"))));

        ComposeFile.Service service = file.service("app");
        assertThat(service.environment()).containsEntry("SHARED", "from the anchor").containsEntry("OWN", "8081")
                .containsEntry("OVERRIDDEN", "by the service");
        assertThat(service.dependsOn()).containsEntry("db", "service_healthy");
        assertThat(service.healthcheck()).hasValue("true");
        assertThat(file.services()).doesNotContainKey("x-base");
    }

    @Test
    void interpolationFollowsComposeAndTheContainersShell() {
        assertThat(ComposeFile.interpolate("${A:-fallback}/${B:?must be set}/$${C:-$${D}}/${E}", Map.of()))
                .isEqualTo("fallback/<B>/${C:-${D}}/");
        assertThat(ComposeFile.interpolate("${A:-fallback}", Map.of("A", "given"))).isEqualTo("given");
        assertThat(ComposeFile.expandShell("port ${MANAGEMENT_SERVER_PORT:-${SERVER_PORT}}", Map.of("SERVER_PORT", "8081")))
                .isEqualTo("port 8081");
        assertThat(ComposeFile.expandShell("port ${MANAGEMENT_SERVER_PORT:-${SERVER_PORT}}",
                Map.of("SERVER_PORT", "8080", "MANAGEMENT_SERVER_PORT", "9080"))).isEqualTo("port 9080");
    }

    @Test
    void theChecksSeeEveryParleyService() {
        assertThat(checks(COMPOSE).parleyServices())
                .containsExactlyInAnyOrder("auth-service", "room-service", "message-service", "ws-gateway", "api-gateway");
    }

    @Test
    void everyVariableAServiceReadsWithoutAUsableDefaultIsSet() {
        assertThat(checks(COMPOSE).unsetVariables()).isEmpty();

        assertThat(checks(edit(COMPOSE, "      DB_URL: jdbc:postgresql://postgres:5432/rooms\n", "")).unsetVariables())
                .containsExactly("room-service reads ${DB_URL} (default jdbc:postgresql://127.0.0.1:5432/rooms, "
                        + "the container itself) but the compose file does not set it");
    }

    @Test
    void kafkaInitCreatesEveryTopicOfTheContractWithItsRetentionAndTheServicesWaitForIt() {
        assertThat(TOPICS).hasSize(6);
        assertThat(checks(COMPOSE).topics(TOPICS, expectedPartitions())).isEmpty();

        assertThat(checks(edit(COMPOSE, " parley.signals.v1:3600000;", ";")).topics(TOPICS, expectedPartitions()))
                .containsExactly("kafka-init does not create parley.signals.v1");
        assertThat(checks(edit(COMPOSE, "parley.room-events.v1:-1", "parley.room-events.v1:604800000"))
                .topics(TOPICS, expectedPartitions()))
                .containsExactly("kafka-init creates parley.room-events.v1 with retention.ms 604800000, not -1");
        assertThat(checks(edit(COMPOSE, "--partitions 6", "--partitions 3")).topics(TOPICS, expectedPartitions()))
                .containsExactly("kafka-init's command lacks --partitions 6");
        assertThat(checks(edit(COMPOSE, "kafka-init: { condition: service_completed_successfully }",
                "kafka: { condition: service_started }")).topics(TOPICS, expectedPartitions()))
                .contains("message-service uses Kafka but does not wait for kafka-init to complete successfully");
    }

    @Test
    void everyServiceListensOnItsPortAndEveryAddressNamesTheRightOne() {
        assertThat(checks(COMPOSE).ports()).isEmpty();

        assertThat(checks(edit(COMPOSE, "SERVER_PORT: \"8082\"", "SERVER_PORT: \"8092\"")).ports())
                .contains("room-service listens on 8092, not its port 8082",
                        "auth-service: ROOM_SERVICE_URL points at room-service:8082, but room-service listens on 8092");
        assertThat(checks(edit(COMPOSE, "MESSAGE_SERVICE_URL: http://message-service:8083",
                "MESSAGE_SERVICE_URL: http://messages:8083")).ports())
                .contains("ws-gateway: MESSAGE_SERVICE_URL names messages, which is no service of the file");
    }

    @Test
    void onlyThePublicPortsArePublished() {
        assertThat(checks(COMPOSE).publishedPorts(PUBLIC_PORTS)).isEmpty();

        String roomServicePublished = edit(COMPOSE, "      DB_URL: jdbc:postgresql://postgres:5432/rooms\n",
                "      DB_URL: jdbc:postgresql://postgres:5432/rooms\n    ports: [\"8082:8082\"]\n");
        assertThat(checks(roomServicePublished).publishedPorts(PUBLIC_PORTS))
                .containsExactly("room-service publishes its port 8082 on the host");
        assertThat(checks(edit(COMPOSE, "ports: [\"8080:8080\"]", "ports: [\"8080:8080\", \"9080:9080\"]"))
                .publishedPorts(PUBLIC_PORTS))
                .containsExactly("api-gateway publishes its port 9080 on the host", "api-gateway publishes its management port 9080");
        assertThat(checks(edit(COMPOSE, "\"127.0.0.1:3000:3000\"", "\"3000:3000\"")).publishedPorts(PUBLIC_PORTS))
                .containsExactly("grafana publishes 3000 on every address, not only on 127.0.0.1");
        assertThat(checks(edit(COMPOSE, "SERVER_PORT: \"8080\"", "SERVER_PORT: \"8090\"")).publishedPorts(PUBLIC_PORTS))
                .contains("api-gateway's public port 8080 is not the port it listens on, 8090");
    }

    @Test
    void everyServiceHasAHealthcheckAndParleysAskTheirReadinessOnTheirManagementPort() {
        assertThat(checks(COMPOSE).healthchecks()).isEmpty();

        String redisUnchecked = edit(COMPOSE, "      test: [\"CMD\", \"redis-cli\", \"ping\"]\n", "")
                .replace("    healthcheck:\n      interval: 5s\n      retries: 20\n    volumes: [redis-data:/data]",
                        "    volumes: [redis-data:/data]");
        assertThat(checks(redisUnchecked).healthchecks()).contains("redis has no healthcheck",
                "api-gateway waits for redis to be healthy, which has no healthcheck");
        assertThat(checks(edit(COMPOSE, "MANAGEMENT_SERVER_PORT: \"9080\"", "MANAGEMENT_SERVER_PORT: \"9081\"")).healthchecks())
                .containsExactly("api-gateway's healthcheck asks port 9080, but its management port is 9081");
        assertThat(checks(edit(COMPOSE, "\"http://127.0.0.1:8083/actuator/health/readiness\"",
                "\"http://127.0.0.1:8083/actuator/health/liveness\"")).healthchecks())
                .containsExactly("message-service's healthcheck does not ask /actuator/health/readiness: CMD java -Xmx16m "
                        + "-XX:TieredStopAtLevel=1 -cp @/app/jib-classpath-file dev.parley.platform.probe.ReadinessProbe "
                        + "http://127.0.0.1:8083/actuator/health/liveness");
        String curl = "test: [\"CMD\", \"curl\", \"-f\", \"http://127.0.0.1:8084/actuator/health/readiness\"]";
        assertThat(checks(COMPOSE.replaceFirst("test: \\[\"CMD\", \"java\"[^\\]]*8084[^\\]]*]", curl)).healthchecks())
                .containsExactly("ws-gateway's healthcheck runs curl, but its image has only java");
        assertThat(checks(COMPOSE.replace("\"@/app/jib-classpath-file\"", "\"/opt/probe\"")).healthchecks())
                .hasSize(5).allSatisfy(problem -> assertThat(problem).endsWith(
                        "'s healthcheck does not run dev.parley.platform.probe.ReadinessProbe on @/app/jib-classpath-file"));
    }

    @Test
    void thePlatformsRedisEvictsNothingAndTheHistoryCacheHasARedisOfItsOwnThatMayEvictAnything() {
        assertThat(checks(COMPOSE).redisRoles()).isEmpty();

        assertThat(checks(edit(COMPOSE, "\"--maxmemory-policy\", \"noeviction\"", "\"--maxmemory-policy\", \"volatile-lru\""))
                .redisRoles()).containsExactly("redis runs with maxmemory-policy volatile-lru, not noeviction");
        assertThat(checks(edit(COMPOSE, "\"--maxmemory\", \"256mb\", \"--maxmemory-policy\", \"allkeys-lru\",",
                "\"--maxmemory-policy\", \"allkeys-lru\",")).redisRoles())
                .containsExactly("history-cache-redis has no --maxmemory");
        assertThat(checks(edit(COMPOSE, "      HISTORY_CACHE_REDIS_HOST: history-cache-redis\n", "")).redisRoles())
                .containsExactly("message-service's recent-history cache is on the platform's Redis, not on history-cache-redis");
    }

    @Test
    void everyParleyServiceLogsStructuredJson() {
        assertThat(checks(COMPOSE).structuredLogs()).isEmpty();

        assertThat(checks(edit(COMPOSE, "LOGGING_STRUCTURED_FORMAT_CONSOLE: ecs", "LOGGING_STRUCTURED_FORMAT_CONSOLE: logfmt"))
                .structuredLogs()).hasSize(5);
    }

    @Test
    void theEdgeHandsWebSocketsOverToWsGatewayThroughASocketOnlyTheirUserReaches() {
        String imageUser = imageUser();
        assertThat(checks(COMPOSE).handover(imageUser)).isEmpty();

        assertThat(checks(edit(COMPOSE, "      - ws-handoff:/run/parley/handoff\n    ports:", "    ports:"))
                .handover(imageUser)).containsExactly(
                        "api-gateway mounts no volume at /run/parley/handoff, where the hand-over's socket is");
        assertThat(checks(edit(COMPOSE, "uid=10001,gid=10001,mode=0700", "mode=0777")).handover(imageUser))
                .containsExactly("volume ws-handoff is mounted with mode=0777, not owned by the images' user "
                        + imageUser + " alone (uid=10001,gid=10001,mode=0700)");
    }

    @Test
    void everyMountedFileExists() {
        assertThat(checks(COMPOSE).bindMounts()).isEmpty();

        assertThat(checks(edit(COMPOSE, "./k8s/postgres-init.sql", "./k8s/moved-away.sql")).bindMounts())
                .containsExactly("postgres mounts ./k8s/moved-away.sql, which does not exist");
    }

    @Test
    void prometheusScrapesEveryServiceAtItsManagementPortAndLoadsTheAlerts() {
        assertThat(checks(COMPOSE).prometheusScrapes(PROMETHEUS, "prometheus")).isEmpty();

        Map<String, Object> gatewayOnItsPublicPort = prometheus(text -> text.replace("\"api-gateway:9080\"", "\"api-gateway:8080\""));
        assertThat(checks(COMPOSE).prometheusScrapes(gatewayOnItsPublicPort, "prometheus"))
                .containsExactly("Prometheus job api-gateway scrapes [api-gateway:8080], not api-gateway:9080");
        Map<String, Object> defaultPath = prometheus(text -> text.replaceFirst(
                "  - job_name: ws-gateway\n    metrics_path: /actuator/prometheus\n", "  - job_name: ws-gateway\n"));
        assertThat(checks(COMPOSE).prometheusScrapes(defaultPath, "prometheus"))
                .containsExactly("Prometheus job ws-gateway scrapes /metrics, not /actuator/prometheus");
        Map<String, Object> noAlerts = prometheus(text -> text.replace("/etc/prometheus/alerts.yml",
                "/etc/prometheus/rules.yml"));
        assertThat(checks(COMPOSE).prometheusScrapes(noAlerts, "prometheus"))
                .containsExactly("Prometheus loads /etc/prometheus/rules.yml, which no mount of prometheus provides");
    }

    /** The user every service image runs as (Jib's {@code <user>} in the root pom): {@code uid:gid}. */
    static String imageUser() {
        Matcher user = Pattern.compile("<user>(\\d+:\\d+)</user>").matcher(read(REPOSITORY.resolve("pom.xml")));
        assertThat(user.find()).as("the root pom sets Jib's <user>").isTrue();
        return user.group(1);
    }

    /**
     * The partitions every service expects of the topics it creates or reads (they create them with this
     * count when they find them missing, and so does ./parley up): they must agree, and kafka-init follows.
     */
    static int expectedPartitions() {
        Map<String, Pattern> sources = new LinkedHashMap<>();
        sources.put("message-service/src/main/java/dev/parley/message/events/MessageKafkaProperties.java",
                Pattern.compile("@DefaultValue\\(\"(\\d+)\"\\) int partitions"));
        sources.put("room-service/src/main/java/dev/parley/room/events/RoomEventsProperties.java",
                Pattern.compile("@DefaultValue\\(\"(\\d+)\"\\) int partitions"));
        sources.put("auth-service/src/main/java/dev/parley/auth/account/UserEventsTopicConfiguration.java",
                Pattern.compile("user-events-partitions:(\\d+)"));
        sources.put("local-infra/src/main/java/dev/parley/infra/KafkaBroker.java",
                Pattern.compile("\"parley\\.kafka\\.partitions\", (\\d+)"));
        Map<String, Integer> found = new TreeMap<>();
        sources.forEach((file, pattern) -> {
            Matcher matcher = pattern.matcher(read(REPOSITORY.resolve(file)));
            assertThat(matcher.find()).as("the default partition count in " + file).isTrue();
            found.put(file, Integer.parseInt(matcher.group(1)));
        });
        assertThat(found.values().stream().distinct()).as("the services' partition counts " + found).hasSize(1);
        return found.values().iterator().next();
    }

    private static ComposeChecks checks(String composeText) {
        return new ComposeChecks(ComposeFile.parse(new StringReader(composeText)), REPOSITORY);
    }

    private static Map<String, Object> prometheus(Function<String, String> edit) {
        String original = read(REPOSITORY.resolve("observability/prometheus/prometheus.yml"));
        String edited = edit.apply(original);
        assertThat(edited).as("the edit applies").isNotEqualTo(original);
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(edited);
    }

    /** The text with one edit, which must apply (else the negative test would test nothing). */
    static String edit(String text, String from, String to) {
        assertThat(text).as("the text to edit").contains(from);
        return text.replace(from, to);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path resource(String name) {
        try {
            return Path.of(ComposeFileTests.class.getClassLoader().getResource(name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The repository root: the build runs the tests in deployment/, so its parent. */
    private static Path repository() {
        Path here = Path.of("").toAbsolutePath();
        for (Path candidate = here; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("docker-compose.yml")) && Files.isDirectory(candidate.resolve("deployment"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no repository root above " + here);
    }
}
