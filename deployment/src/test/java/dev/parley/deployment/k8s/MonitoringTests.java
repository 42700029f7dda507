package dev.parley.deployment.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.strimzi.api.kafka.model.kafka.Kafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * k8s/monitoring gives a cluster's Prometheus Operator and Grafana what docker-compose's Prometheus and Grafana
 * have (observability/): the same jobs on the same actuator endpoints, the same alert rules, the same dashboard.
 */
class MonitoringTests {

    private static final Path ROOT = RenderedOverlay.repositoryRoot();
    private static final RenderedOverlay MONITORING = RenderedOverlay.render("monitoring", ROOT.resolve("k8s/monitoring"));
    private static final RenderedOverlay PRODUCTION = RenderedOverlay.of("production");
    /**
     * k8s/monitoring/infrastructure.yaml's PodMonitors, of the infrastructure's exporters rather than Parley's services,
     * with the port each exporter listens on: the operators name theirs, k8s/infra/kustomization.yaml adds Redis's.
     */
    private static final Map<String, Integer> INFRASTRUCTURE_MONITORS = Map.of("parley-postgres", 9187,
            "parley-kafka-exporter", 9404, "parley-redis", 9121, "parley-history-cache-redis", 9121);

    @Test
    void everyObjectMatchesItsSchemaInTheParleyNamespace() {
        assertThat(MONITORING.objects()).extracting(RenderedOverlay::describe)
                .map(name -> name.replaceFirst("-[a-z0-9]{10}$", "-<hash>")).containsExactlyInAnyOrder(
                        "PodMonitor/parley-services", "PodMonitor/parley-edge", "PrometheusRule/parley",
                        "ConfigMap/parley-grafana-dashboard-<hash>", "PodMonitor/parley-postgres",
                        "PodMonitor/parley-kafka-exporter", "PodMonitor/parley-redis", "PodMonitor/parley-history-cache-redis",
                        "PrometheusRule/parley-infrastructure");
        assertThat(ManifestSchemas.violations(MONITORING)).isEmpty();
        assertThat(MONITORING.objects()).allSatisfy(object ->
                assertThat(((Map<?, ?>) object.get("metadata")).get("namespace")).isEqualTo("parley"));
    }

    @Test
    void everyServiceIsScrapedOnItsActuatorUnderTheJobNameComposeGivesIt() {
        Set<String> scraped = scrapeTargets(PRODUCTION.all(Deployment.class));

        assertThat(scraped).containsExactlyInAnyOrder(
                "auth-service/auth-service:8081/actuator/prometheus as auth-service",
                "room-service/room-service:8082/actuator/prometheus as room-service",
                "message-service/message-service:8083/actuator/prometheus as message-service",
                "ws-gateway/ws-gateway:8084/actuator/prometheus as ws-gateway",
                "ws-gateway/edge:9080/actuator/prometheus as api-gateway",
                "api-gateway/api-gateway:9080/actuator/prometheus as api-gateway");
        Set<String> jobs = scraped.stream().map(target -> target.substring(target.lastIndexOf(" as ") + 4))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(jobs).isEqualTo(composeJobs());
    }

    @Test
    void prometheusMayReachEveryPortItScrapes() {
        NetworkPolicy scrape = PRODUCTION.all(NetworkPolicy.class).stream()
                .filter(policy -> "prometheus-scrape".equals(policy.getMetadata().getName())).findFirst().orElseThrow();
        Set<String> allowed = scrape.getSpec().getIngress().stream().flatMap(rule -> rule.getPorts().stream())
                .map(NetworkPolicyPort::getPort).map(port -> port.getStrVal()).collect(Collectors.toSet());

        assertThat(podMonitors()).filteredOn(monitor -> !INFRASTRUCTURE_MONITORS.containsKey(name(monitor)))
                .flatExtracting(MonitoringTests::endpoints)
                .extracting(endpoint -> (String) endpoint.get("port")).allMatch(allowed::contains);
    }

    /**
     * The infrastructure's exporters are scraped on the pods the infrastructure's NetworkPolicies name, on a port they
     * let Prometheus reach: the PodMonitors name those ports, the policies number them.
     */
    @Test
    void prometheusMayReachTheInfrastructuresExporters() {
        List<NetworkPolicy> policies = PRODUCTION.all(NetworkPolicy.class);
        List<Map<String, Object>> monitors = podMonitors().stream()
                .filter(monitor -> INFRASTRUCTURE_MONITORS.containsKey(name(monitor))).toList();

        assertThat(monitors).hasSize(INFRASTRUCTURE_MONITORS.size());
        for (Map<String, Object> monitor : monitors) {
            Object selected = ((Map<?, ?>) ((Map<?, ?>) monitor.get("spec")).get("selector")).get("matchLabels");
            NetworkPolicy policy = policies.stream()
                    .filter(candidate -> selected.equals(candidate.getSpec().getPodSelector().getMatchLabels()))
                    .findFirst().orElseThrow(() -> new AssertionError(name(monitor) + ": no NetworkPolicy selects " + selected));
            for (Map<?, ?> endpoint : endpoints(monitor)) {
                int port = INFRASTRUCTURE_MONITORS.get(name(monitor));
                assertThat(policy.getSpec().getIngress()).as(policy.getMetadata().getName() + " admits Prometheus on " + port)
                        .anyMatch(rule -> rule.getFrom().stream().anyMatch(MonitoringTests::isPrometheus)
                                && rule.getPorts().stream().anyMatch(allowed -> Integer.valueOf(port).equals(allowed.getPort().getIntVal())));
            }
        }
    }

    /**
     * ParleyKafkaPartitionBelowMinInSync fires below a partition's replicas less one in sync, which the exporter
     * can count: that is min.insync.replicas wherever a topic has more than one copy. Both Kafka alerts watch exactly
     * Parley's topics, all of which the Kafka Exporter exports.
     */
    @Test
    void theKafkaAlertsStandForTheClustersSettings() {
        Map<String, String> alerts = infrastructureAlerts();
        assertThat(alerts.get("ParleyKafkaPartitionBelowMinInSync").strip())
                .startsWith("min by (topic, partition) (kafka_topic_partition_in_sync_replica{")
                .endsWith("< min by (topic, partition) (kafka_topic_partition_replicas{job=\"kafka-exporter\", topic=~\"parley\\\\..*\"}) - 1");
        for (String overlay : KafkaTests.overlays()) {
            RenderedOverlay rendered = RenderedOverlay.of(overlay);
            Map<String, Object> config = rendered.all(Kafka.class).getFirst().getSpec().getKafka().getConfig();
            int copies = Integer.parseInt(config.get("default.replication.factor").toString());
            if (copies > 1) {
                assertThat(config.get("min.insync.replicas")).as(overlay).hasToString(String.valueOf(copies - 1));
            }
            assertThat(KafkaTests.topics(rendered).values()).filteredOn(topic -> topic.getSpec().getReplicas() > 1)
                    .allSatisfy(topic -> assertThat(topic.getSpec().getConfig().get("min.insync.replicas"))
                            .as(overlay + " " + topic.getMetadata().getName()).isEqualTo(topic.getSpec().getReplicas() - 1));
        }

        Kafka kafka = PRODUCTION.all(Kafka.class).getFirst();
        String exported = kafka.getSpec().getKafkaExporter().getTopicRegex();
        assertThat(KafkaTests.topics(PRODUCTION).keySet()).allMatch(topic -> topic.matches(exported));
        for (String alert : List.of("ParleyKafkaPartitionBelowMinInSync", "ParleyKafkaPartitionUnderReplicated")) {
            assertThat(alerts.get(alert)).as(alert).contains("topic=~\"" + exported.replace("\\", "\\\\") + "\"");
        }
    }

    /**
     * The alerts on Redis's memory and append-only file watch the series labelled redis="redis", which its PodMonitor
     * gives the Redis that evicts nothing and keeps an append-only file; the history cache's evicts by design.
     */
    @Test
    void theRedisAlertsOnMemoryAndTheFileWatchTheRedisThatEvictsNothing() {
        // the label "redis" each PodMonitor gives its targets, and the Redis StatefulSet it selects
        Map<String, String> labelled = new LinkedHashMap<>();
        for (Map<String, Object> monitor : podMonitors()) {
            Map<?, ?> selected = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) monitor.get("spec")).get("selector")).get("matchLabels");
            for (Map<?, ?> endpoint : endpoints(monitor)) {
                String label = relabeled(endpoint, "redis");
                if (label != null) {
                    labelled.put(label, (String) selected.get("app.kubernetes.io/name"));
                }
            }
        }
        assertThat(labelled).containsExactlyInAnyOrderEntriesOf(Map.of("redis", "redis", "history-cache-redis", "history-cache-redis"));
        assertThat(RedisTests.redisConf(PRODUCTION, labelled.get("redis")))
                .containsEntry("maxmemory-policy", "noeviction").containsEntry("appendonly", "yes");

        Map<String, String> alerts = infrastructureAlerts();
        for (String alert : List.of("ParleyRedisMemoryNearItsLimit", "ParleyRedisRefusesWrites", "ParleyRedisAppendOnlyFileFailing")) {
            List<String> selectors = Pattern.compile("redis_[a-z_]+\\{([^}]*)}").matcher(alerts.get(alert)).results()
                    .map(match -> match.group(1)).toList();
            assertThat(selectors).as(alert).isNotEmpty().allMatch(selector -> selector.contains("redis=\"redis\""));
        }
        assertThat(alerts.get("ParleyRedisNotAnswering")).as("both Redis").doesNotContain("redis=");
    }

    @Test
    void theClusterAlertRulesAreTheComposeOnes() throws IOException {
        String alerts = Files.readString(ROOT.resolve("observability/prometheus/alerts.yml"));
        String expected = prometheusRule(alerts);
        Path cluster = ROOT.resolve("k8s/monitoring/prometheus-rules.yaml");

        if (!expected.equals(Files.readString(cluster))) {
            Path rebuilt = Path.of("target/k8s-monitoring/prometheus-rules.yaml").toAbsolutePath();
            Files.createDirectories(rebuilt.getParent());
            Files.writeString(rebuilt, expected);
            throw new AssertionError(ROOT.relativize(cluster) + " is not observability/prometheus/alerts.yml: copy "
                    + rebuilt + " over it");
        }
        Map<?, ?> rule = MONITORING.ofKind("PrometheusRule").stream().filter(object -> name(object).equals("parley"))
                .findFirst().orElseThrow();
        assertThat(((Map<?, ?>) rule.get("spec")).get("groups")).isEqualTo(yaml(alerts).get("groups"));
    }

    @Test
    void aRuleFileIsWrappedWithoutItsLeadingCommentsAndEveryLineIndented() {
        String rule = prometheusRule("# about\n# more\ngroups:\n  - name: g\n\n    rules: []\n");

        assertThat(rule).endsWith("spec:\n  groups:\n    - name: g\n\n      rules: []\n");
        assertThat(yaml(rule)).extractingByKey("spec").isEqualTo(Map.of("groups", List.of(Map.of("name", "g",
                "rules", List.of()))));
        assertThatThrownBy(() -> prometheusRule("# only a comment\n")).hasMessageContaining("no rules");
    }

    @Test
    void grafanaLoadsTheDashboardFromItsOneHome() throws IOException {
        Map<String, Object> configMap = dashboard();

        assertThat(((Map<?, ?>) configMap.get("metadata")).get("labels")).isEqualTo(Map.of(
                "grafana_dashboard", "1", "app.kubernetes.io/part-of", "parley"));
        assertThat(configMap.get("data")).isEqualTo(Map.of("parley.json",
                Files.readString(ROOT.resolve("observability/grafana/dashboards/parley.json"))));
    }

    /**
     * The PrometheusRule k8s/monitoring/prometheus-rules.yaml must hold: the rule file's {@code groups}, without
     * its leading comments, as the object's {@code spec}.
     */
    static String prometheusRule(String ruleFile) {
        List<String> lines = ruleFile.lines().toList();
        int first = 0;
        while (first < lines.size() && (lines.get(first).startsWith("#") || lines.get(first).isBlank())) {
            first++;
        }
        if (first == lines.size()) {
            throw new IllegalArgumentException("no rules in the rule file");
        }
        StringBuilder rule = new StringBuilder("""
                # The alert rules of observability/prometheus/alerts.yml, as the Prometheus Operator takes them. Generated: edit
                # alerts.yml, then rebuild this file from it (docs/deployment.md, "Monitoring"); the deployment module's
                # MonitoringTests fail while the two differ.
                apiVersion: monitoring.coreos.com/v1
                kind: PrometheusRule
                metadata:
                  name: parley
                spec:
                """);
        lines.subList(first, lines.size()).forEach(line -> rule.append(line.isBlank() ? "" : "  " + line).append('\n'));
        return rule.toString();
    }

    /** "deployment/container:port/path as job" for every container port a PodMonitor scrapes. */
    private static Set<String> scrapeTargets(List<Deployment> deployments) {
        Set<String> targets = new TreeSet<>();
        for (Map<String, Object> monitor : podMonitors()) {
            Map<?, ?> spec = (Map<?, ?>) monitor.get("spec");
            for (Deployment deployment : deployments) {
                Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
                if (!selects((Map<?, ?>) spec.get("selector"), labels)) {
                    continue;
                }
                for (Map<?, ?> endpoint : endpoints(monitor)) {
                    String job = job(endpoint, labels.get((String) spec.get("jobLabel")));
                    for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                        for (ContainerPort port : container.getPorts()) {
                            if (port.getName().equals(endpoint.get("port"))) {
                                targets.add(deployment.getMetadata().getName() + "/" + container.getName() + ":"
                                        + port.getContainerPort() + endpoint.get("path") + " as " + job);
                            }
                        }
                    }
                }
            }
        }
        return targets;
    }

    /** matchLabels and matchExpressions with In, the parts the PodMonitors use; anything else fails the test. */
    private static boolean selects(Map<?, ?> selector, Map<String, String> labels) {
        boolean selected = true;
        if (selector.get("matchLabels") instanceof Map<?, ?> matchLabels) {
            selected = matchLabels.entrySet().stream().allMatch(entry -> entry.getValue().equals(labels.get(entry.getKey())));
        }
        if (selector.get("matchExpressions") instanceof List<?> expressions) {
            for (Object item : expressions) {
                Map<?, ?> expression = (Map<?, ?>) item;
                assertThat(expression.get("operator")).as("an operator this test reads").isEqualTo("In");
                selected &= ((List<?>) expression.get("values")).contains(labels.get(expression.get("key")));
            }
        }
        return selected;
    }

    /** The job a target gets: a relabeling's replacement of {@code job}, else the pod label {@code jobLabel} names. */
    private static String job(Map<?, ?> endpoint, String fromJobLabel) {
        String job = relabeled(endpoint, "job");
        return job != null ? job : fromJobLabel;
    }

    /** The value the endpoint's last relabeling of {@code label} replaces it with, or null without one. */
    private static String relabeled(Map<?, ?> endpoint, String label) {
        String value = null;
        if (endpoint.get("relabelings") instanceof List<?> relabelings) {
            for (Object item : relabelings) {
                Map<?, ?> relabeling = (Map<?, ?>) item;
                if (label.equals(relabeling.get("targetLabel"))) {
                    value = (String) relabeling.get("replacement");
                }
            }
        }
        return value;
    }

    private static boolean isPrometheus(NetworkPolicyPeer peer) {
        return peer.getNamespaceSelector() != null && peer.getPodSelector() != null
                && "monitoring".equals(peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"))
                && "prometheus".equals(peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"));
    }

    /** The expression of every alert of the PrometheusRule parley-infrastructure, by name. */
    private static Map<String, String> infrastructureAlerts() {
        Map<String, String> alerts = new LinkedHashMap<>();
        Map<String, Object> rule = MONITORING.ofKind("PrometheusRule").stream()
                .filter(object -> name(object).equals("parley-infrastructure")).findFirst().orElseThrow();
        for (Object group : (List<?>) ((Map<?, ?>) rule.get("spec")).get("groups")) {
            for (Object item : (List<?>) ((Map<?, ?>) group).get("rules")) {
                alerts.put((String) ((Map<?, ?>) item).get("alert"), (String) ((Map<?, ?>) item).get("expr"));
            }
        }
        return alerts;
    }

    private static String name(Map<String, Object> object) {
        return (String) ((Map<?, ?>) object.get("metadata")).get("name");
    }

    private static List<Map<String, Object>> podMonitors() {
        return MONITORING.ofKind("PodMonitor");
    }

    private static List<Map<?, ?>> endpoints(Map<String, Object> podMonitor) {
        List<Map<?, ?>> endpoints = new ArrayList<>();
        ((List<?>) ((Map<?, ?>) podMonitor.get("spec")).get("podMetricsEndpoints"))
                .forEach(endpoint -> endpoints.add((Map<?, ?>) endpoint));
        return endpoints;
    }

    private static Map<String, Object> dashboard() {
        return MONITORING.ofKind("ConfigMap").getFirst();
    }

    /** The job names docker-compose's Prometheus scrapes under (observability/prometheus/prometheus.yml). */
    private static Set<String> composeJobs() {
        try {
            Map<String, Object> prometheus = yaml(Files.readString(ROOT.resolve("observability/prometheus/prometheus.yml")));
            return ((List<?>) prometheus.get("scrape_configs")).stream().map(config -> (String) ((Map<?, ?>) config)
                    .get("job_name")).collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> yaml(String text) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }
}
