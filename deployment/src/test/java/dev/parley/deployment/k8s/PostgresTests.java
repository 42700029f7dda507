package dev.parley.deployment.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.deployment.compose.ComposeFile;
import dev.parley.infra.PostgresServer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** PostgreSQL through CloudNativePG: each service's database exists, owned by the role it logs in as; backups. */
class PostgresTests {

    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^:/]+):5432/(\\w+)");

    /** The overlays that run PostgreSQL in the cluster (one for a managed PostgreSQL would not). */
    static List<String> overlays() {
        return RenderedOverlay.names().stream().filter(name -> !RenderedOverlay.of(name).ofKind("Cluster").isEmpty()).toList();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceDatabaseExistsAndIsOwnedByTheRoleTheServiceLogsInAs(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        JsonNode cluster = single(rendered, "Cluster");
        String clusterName = cluster.at("/metadata/name").asText();
        Map<String, String> ownerSecretOfDatabase = ownerSecrets(rendered, cluster);

        List<Deployment> withDatabase = rendered.all(Deployment.class).stream()
                .filter(deployment -> ServicePodTests.env(ServicePodTests.container(deployment), "DB_URL") != null)
                .toList();
        assertThat(withDatabase).extracting(deployment -> deployment.getMetadata().getName())
                .containsExactlyInAnyOrder("auth-service", "room-service", "message-service");
        for (Deployment deployment : withDatabase) {
            Container container = ServicePodTests.container(deployment);
            Matcher url = JDBC_URL.matcher(ServicePodTests.env(container, "DB_URL"));
            assertThat(url.matches()).as(deployment.getMetadata().getName() + " DB_URL").isTrue();
            assertThat(url.group(1)).as("the primary's service").isEqualTo(clusterName + "-rw");
            String database = url.group(2);
            assertThat(ownerSecretOfDatabase).as("databases of " + clusterName).containsKey(database);
            assertThat(secretOf(container, "DB_USER")).as(database + " DB_USER").isEqualTo(ownerSecretOfDatabase.get(database) + "/username");
            assertThat(secretOf(container, "DB_PASSWORD")).as(database + " DB_PASSWORD").isEqualTo(ownerSecretOfDatabase.get(database) + "/password");
        }
    }

    /** A commit waits for a standby where there is one to wait for; with a single instance it could never return. */
    @ParameterizedTest
    @MethodSource("overlays")
    void aCommitWaitsForAStandbyWhereThereIsOne(String overlay) {
        JsonNode cluster = single(RenderedOverlay.of(overlay), "Cluster");
        int instances = cluster.at("/spec/instances").asInt();
        JsonNode synchronous = cluster.at("/spec/postgresql/synchronous");
        if (instances == 1) {
            assertThat(synchronous.isMissingNode()).as(overlay + ": no standby to commit to").isTrue();
        } else {
            assertThat(synchronous.at("/number").asInt()).as(overlay).isBetween(1, instances - 1);
        }
    }

    /** ADR 0044: the cluster's PostgreSQL runs with the allocator setting of ./parley's. */
    @ParameterizedTest
    @MethodSource("overlays")
    void postgresKeepsItsFreedHeapAsLocally(String overlay) {
        JsonNode cluster = single(RenderedOverlay.of(overlay), "Cluster");
        Map<String, String> clusterEnvironment = new HashMap<>();
        cluster.at("/spec/env").forEach(variable ->
                clusterEnvironment.put(variable.at("/name").asText(), variable.at("/value").asText()));

        assertThat(clusterEnvironment).as(overlay).containsAllEntriesOf(PostgresServer.ALLOCATOR_ENVIRONMENT);
    }

    /** ADR 0044: compose's PostgreSQL too. */
    @Test
    void composePostgresKeepsItsFreedHeapAsLocally() {
        Map<String, String> composeEnvironment = ComposeFile.load(RenderedOverlay.repositoryRoot()
                .resolve("docker-compose.yml")).service("postgres").environment();

        assertThat(composeEnvironment).containsAllEntriesOf(PostgresServer.ALLOCATOR_ENVIRONMENT);
    }

    @Test
    void productionRunsThreeInstancesArchivesWalAndBacksUpEveryNight() {
        RenderedOverlay production = RenderedOverlay.of("production");
        JsonNode cluster = single(production, "Cluster");
        JsonNode backup = single(production, "ScheduledBackup");
        JsonNode archiver = cluster.at("/spec/plugins/0");

        assertThat(cluster.at("/spec/instances").asInt()).isEqualTo(3);
        JsonNode synchronous = cluster.at("/spec/postgresql/synchronous");
        assertThat(synchronous.at("/number").asInt()).as("a commit is on a standby too before it is acknowledged")
                .isEqualTo(1);
        assertThat(synchronous.at("/dataDurability").asText()).isEqualTo("required");
        assertThat(archiver.at("/isWALArchiver").asBoolean()).isTrue();
        assertThat(single(production, "ObjectStore").at("/metadata/name").asText())
                .isEqualTo(archiver.at("/parameters/barmanObjectName").asText());
        assertThat(backup.at("/spec/cluster/name").asText()).isEqualTo(cluster.at("/metadata/name").asText());
        assertThat(backup.at("/spec/method").asText()).isEqualTo("plugin");
        assertThat(backup.at("/spec/pluginConfiguration/name").asText()).isEqualTo(archiver.at("/name").asText());
        assertThat(backup.at("/spec/schedule").asText().split(" ")).as("seconds first: six fields").hasSize(6);
    }

    /** Each database of the cluster and the Secret of its owner's credentials. */
    private static Map<String, String> ownerSecrets(RenderedOverlay rendered, JsonNode cluster) {
        Map<String, String> roleSecrets = new HashMap<>();
        JsonNode initdb = cluster.at("/spec/bootstrap/initdb");
        roleSecrets.put(initdb.at("/owner").asText(), initdb.at("/secret/name").asText());
        cluster.at("/spec/managed/roles").forEach(role ->
                roleSecrets.put(role.at("/name").asText(), role.at("/passwordSecret/name").asText()));

        Map<String, String> databases = new HashMap<>();
        databases.put(initdb.at("/database").asText(), roleSecrets.get(initdb.at("/owner").asText()));
        rendered.ofKind("Database").stream().map(StrictModels.MAPPER::valueToTree).map(JsonNode.class::cast)
                .filter(database -> database.at("/spec/cluster/name").asText().equals(cluster.at("/metadata/name").asText()))
                .forEach(database -> databases.put(database.at("/spec/name").asText(),
                        roleSecrets.get(database.at("/spec/owner").asText())));
        return databases;
    }

    private static String secretOf(Container container, String variable) {
        return container.getEnv().stream().filter(env -> env.getName().equals(variable))
                .map(EnvVar::getValueFrom).filter(source -> source != null && source.getSecretKeyRef() != null)
                .map(source -> source.getSecretKeyRef().getName() + "/" + source.getSecretKeyRef().getKey())
                .findFirst().orElse(null);
    }

    private static JsonNode single(RenderedOverlay rendered, String kind) {
        List<Map<String, Object>> objects = rendered.ofKind(kind);
        assertThat(objects).as(kind).hasSize(1);
        return StrictModels.MAPPER.valueToTree(objects.getFirst());
    }
}
