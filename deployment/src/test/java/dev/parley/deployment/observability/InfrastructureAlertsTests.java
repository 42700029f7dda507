package dev.parley.deployment.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The alerts on the cluster's PostgreSQL and Kafka (k8s/monitoring/infrastructure.yaml) query only what their
 * exporters export ({@code infrastructure-metrics.txt}), and are formed as the services' alerts are.
 */
class InfrastructureAlertsTests {

    private static final Path RULES = ObservabilityMetricsTests.repository().resolve("k8s/monitoring/infrastructure.yaml");

    @Test
    void everyMetricTheAlertsQueryIsExportedByTheClustersExporters() {
        Map<String, String> queries = ObservabilityChecks.ruleQueries(rules());

        assertThat(queries).hasSizeGreaterThanOrEqualTo(7);
        assertThat(ObservabilityChecks.unknownMetrics(queries, known())).isEmpty();
        assertThat(ObservabilityChecks.unusedNames(exported(), queries)).isEmpty();
    }

    @Test
    void aMetricNoExporterExportsIsFound() {
        Map<String, String> misspelt = Map.of("alert Lag", "max(cnpg_pg_replication_lag_seconds) > 60");

        assertThat(ObservabilityChecks.unknownMetrics(misspelt, known()))
                .containsExactly("alert Lag queries cnpg_pg_replication_lag_seconds, which no service exports");
    }

    @Test
    void everyAlertHasADurationASeverityAndASummary() {
        assertThat(ObservabilityChecks.alertStructure(rules())).isEmpty();
        assertThat(ObservabilityChecks.ruleQueries(rules()).keySet()).contains(
                "alert ParleyPostgresCommitsWaitForAStandby", "alert ParleyKafkaPartitionBelowMinInSync",
                "alert ParleyInfrastructureUnwatched");
    }

    /** The PrometheusRule's spec, the one rule object of the file. */
    private static Map<String, Object> rules() {
        try {
            Iterable<Object> documents = new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(RULES));
            List<Map<String, Object>> rules = StreamSupport.stream(documents.spliterator(), false)
                    .map(ObservabilityChecks::map).filter(object -> "PrometheusRule".equals(object.get("kind")))
                    .map(object -> ObservabilityChecks.map(object.get("spec"))).toList();
            assertThat(rules).hasSize(1);
            return rules.getFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> known() {
        Set<String> known = new HashSet<>(exported());
        known.addAll(ObservabilityChecks.PROMETHEUS_SERIES);
        return known;
    }

    /** The names of infrastructure-metrics.txt: "&lt;exporter&gt; &lt;name&gt;" per line, # comments. */
    private static Set<String> exported() {
        try {
            Set<String> names = new TreeSet<>();
            for (String line : Files.readAllLines(ObservabilityMetricsTests.resource("observability/infrastructure-metrics.txt"))) {
                String content = line.replaceFirst("#.*", "").strip();
                if (!content.isEmpty()) {
                    String[] fields = content.split("\\s+");
                    assertThat(fields).as(line).hasSize(2);
                    names.add(fields[1]);
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
