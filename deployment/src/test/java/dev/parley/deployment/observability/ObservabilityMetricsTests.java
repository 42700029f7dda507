package dev.parley.deployment.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.deployment.compose.ComposeFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Grafana dashboard and the Prometheus alert rules query only metrics the services export
 * ({@code exported-metrics.txt}, which system-tests' DashboardMetricsTests checks against the running
 * platform) or that are proposed to them ({@code proposed-metrics.txt}); they are well formed, cover what
 * operators asked for, and Grafana finds them through the compose file. Each check is shown to reject a
 * broken input too.
 */
class ObservabilityMetricsTests {

    private static final Path REPOSITORY = repository();
    private static final Path OBSERVABILITY = REPOSITORY.resolve("observability");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode DASHBOARD = json(OBSERVABILITY.resolve("grafana/dashboards/parley.json"));
    private static final Map<String, Object> ALERTS = yaml(OBSERVABILITY.resolve("prometheus/alerts.yml"));
    private static final MetricCatalog EXPORTED = MetricCatalog.read(resource("observability/exported-metrics.txt"));
    private static final MetricCatalog PROPOSED = MetricCatalog.read(resource("observability/proposed-metrics.txt"));

    @Test
    void everyMetricTheDashboardQueriesIsExportedOrProposed() {
        assertThat(ObservabilityChecks.dashboardQueries(DASHBOARD)).hasSizeGreaterThan(20);
        assertThat(ObservabilityChecks.unknownMetrics(ObservabilityChecks.dashboardQueries(DASHBOARD), known())).isEmpty();
    }

    @Test
    void everyMetricTheAlertsQueryIsExportedOrProposed() {
        assertThat(ObservabilityChecks.unknownMetrics(ObservabilityChecks.ruleQueries(ALERTS), known())).isEmpty();
    }

    @Test
    void aDashboardWithAMetricNoServiceExportsIsRejected() {
        JsonNode broken = json(resource("observability/dashboard-with-unknown-metric.json"));

        assertThat(ObservabilityChecks.unknownMetrics(ObservabilityChecks.dashboardQueries(broken), known())).containsExactly(
                "panel \"Connections\" (B) queries parley_ws_conections_ready, which no service exports",
                "panel \"Inside a collapsed row\" (A) queries parley_messages_sent_total, which no service exports");
    }

    @Test
    void alertsWithAMetricNoServiceExportsOrWithoutADurationAreRejected() {
        Map<String, Object> broken = yaml(resource("observability/alerts-with-unknown-metric.yml"));

        assertThat(ObservabilityChecks.unknownMetrics(ObservabilityChecks.ruleQueries(broken), known()))
                .containsExactly("alert LatencyHigh queries parley_send_ack_seconds_bucket, which no service exports");
        assertThat(ObservabilityChecks.alertStructure(broken)).containsExactly(
                "alert ServiceDown fires on a single evaluation (no for:)",
                "alert ServiceDown has severity page, not warning or critical");
    }

    @Test
    void theListsHoldExactlyWhatIsQueriedAndNoNameIsBothExportedAndProposed() {
        Map<String, String> queries = allQueries();
        assertThat(ObservabilityChecks.unusedNames(EXPORTED.names(), queries)).isEmpty();
        assertThat(ObservabilityChecks.unusedNames(PROPOSED.names(), queries)).isEmpty();
        assertThat(EXPORTED.names()).noneMatch(PROPOSED.names()::contains);

        Set<String> withAStaleEntry = new HashSet<>(EXPORTED.names());
        withAStaleEntry.add("tomcat_sessions_active_current_sessions");
        assertThat(ObservabilityChecks.unusedNames(withAStaleEntry, queries)).containsExactly(
                "tomcat_sessions_active_current_sessions is listed but neither the dashboard nor the alerts query it");
    }

    @Test
    void theDashboardShowsWhatOperatorsAskFor() {
        Set<String> queried = new HashSet<>();
        ObservabilityChecks.dashboardQueries(DASHBOARD).values().forEach(e -> queried.addAll(PromQlMetricNames.of(e)));

        assertThat(queried).contains(
                "parley_ws_connections",                        // active WebSocket connections
                "http_server_requests_seconds_count",           // REST requests/s, 5xx errors
                "parley_ws_frames_in_total",                    // messages sent
                "parley_ws_deliveries_total",                   // messages received
                "parley_messages_persisted_total",              // messages persisted
                "logback_events_total",                         // errors logged
                "parley_ws_ack_latency_seconds_bucket",         // send → ack latency
                "kafka_consumer_fetch_manager_records_lag_max", // consumer lag
                "parley_outbox_pending",                        // outbox backlog
                "parley_history_cache_reads_total",             // recent-history cache hit rate
                "jvm_memory_used_bytes", "process_cpu_usage");  // JVM and CPU
    }

    @Test
    void theAlertsCoverWhatOperatorsAskForAndAreWellFormed() {
        assertThat(ObservabilityChecks.ruleQueries(ALERTS).keySet()).contains("alert ParleyServiceDown",
                "alert ParleyHttpErrorRate", "alert ParleySendAckLatencyHigh", "alert ParleyKafkaConsumerLag",
                "alert ParleyOutboxBacklog", "alert ParleyWebSocketConnectionsDropped", "alert ParleyJvmHeapHigh");
        assertThat(ObservabilityChecks.alertStructure(ALERTS)).isEmpty();
    }

    @Test
    void everyPanelQueriesTheProvisionedDataSource() {
        String uid = provisionedDatasourceUid();
        assertThat(ObservabilityChecks.dashboardStructure(DASHBOARD, uid)).isEmpty();

        JsonNode otherSource = json(OBSERVABILITY.resolve("grafana/dashboards/parley.json"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) otherSource.path("panels").get(1).path("datasource")).put("uid", "loki");
        assertThat(ObservabilityChecks.dashboardStructure(otherSource, uid)).singleElement().asString()
                .contains("uses data source", "not the provisioned prometheus");
    }

    @Test
    void grafanaFindsTheDashboardAndPrometheusThroughTheComposeFile() {
        ComposeFile compose = ComposeFile.load(REPOSITORY.resolve("docker-compose.yml"));
        ComposeFile.Service grafana = compose.service("grafana");

        Path provisioning = hostPath(grafana, "/etc/grafana/provisioning").orElseThrow();
        assertThat(provisioning).isEqualTo(OBSERVABILITY.resolve("grafana/provisioning"));
        Map<String, Object> provider = ObservabilityChecks.map(ObservabilityChecks.list(
                yaml(provisioning.resolve("dashboards/parley.yml")).get("providers")).get(0));
        String dashboards = ObservabilityChecks.map(provider.get("options")).get("path").toString();
        assertThat(hostPath(grafana, dashboards + "/parley.json")).as("the provider's folder, through the mounts")
                .hasValue(OBSERVABILITY.resolve("grafana/dashboards/parley.json"));
        assertThat(hostPath(grafana, grafana.environment().get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH")))
                .hasValue(OBSERVABILITY.resolve("grafana/dashboards/parley.json"));

        Map<String, Object> datasource = datasource();
        assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");
        assertThat(compose.services()).containsKey("prometheus");
        assertThat(hostPath(compose.service("prometheus"), "/etc/prometheus/prometheus.yml"))
                .hasValue(OBSERVABILITY.resolve("prometheus/prometheus.yml"));
    }

    private static Map<String, String> allQueries() {
        Map<String, String> queries = new LinkedHashMap<>(ObservabilityChecks.dashboardQueries(DASHBOARD));
        queries.putAll(ObservabilityChecks.ruleQueries(ALERTS));
        return queries;
    }

    private static Set<String> known() {
        Set<String> known = new HashSet<>(EXPORTED.names());
        known.addAll(PROPOSED.names());
        known.addAll(ObservabilityChecks.PROMETHEUS_SERIES);
        known.addAll(ObservabilityChecks.recordedNames(ALERTS));
        return known;
    }

    private static Map<String, Object> datasource() {
        return ObservabilityChecks.map(ObservabilityChecks.list(
                yaml(OBSERVABILITY.resolve("grafana/provisioning/datasources/prometheus.yml")).get("datasources")).get(0));
    }

    private static String provisionedDatasourceUid() {
        return datasource().get("uid").toString();
    }

    /** The repository file behind a container path, through the service's bind mounts. */
    private static Optional<Path> hostPath(ComposeFile.Service service, String containerPath) {
        for (Map.Entry<String, String> mount : service.bindMounts().entrySet()) {
            String target = mount.getValue();
            if (containerPath.equals(target) || containerPath.startsWith(target + "/")) {
                Path file = REPOSITORY.resolve(mount.getKey())
                        .resolve(containerPath.substring(target.length()).replaceFirst("^/", "")).normalize();
                return Files.exists(file) ? Optional.of(file) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> yaml(Path file) {
        try {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path resource(String name) {
        try {
            return Path.of(ObservabilityMetricsTests.class.getClassLoader().getResource(name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path repository() {
        Path here = Path.of("").toAbsolutePath();
        for (Path candidate = here; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("docker-compose.yml")) && Files.isDirectory(candidate.resolve("observability"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no repository root above " + here);
    }
}
