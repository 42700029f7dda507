package dev.parley.deployment.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two Redis in the cluster (ADR 0028): the platform's evicts nothing, the recent-history cache's may evict any key and
 * keeps nothing on disk, and only message-service reaches it — at the address parley-config gives it.
 */
class RedisTests {

    /** The overlays that run Redis in the cluster. */
    static List<String> overlays() {
        return RenderedOverlay.names().stream()
                .filter(name -> !RenderedOverlay.of(name).all(StatefulSet.class).isEmpty()).toList();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void thePlatformsRedisEvictsNothingAndTheHistoryCachesMayEvictAnythingAndKeepsNothing(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);

        Map<String, String> platform = redisConf(rendered, "redis");
        assertThat(platform).containsEntry("maxmemory-policy", "noeviction").containsKey("maxmemory")
                .containsEntry("appendonly", "yes");
        Map<String, String> cache = redisConf(rendered, "history-cache-redis");
        assertThat(cache).containsEntry("maxmemory-policy", "allkeys-lru").containsKey("maxmemory")
                .containsEntry("appendonly", "no").containsEntry("save", "\"\"");
        assertThat(statefulSet(rendered, "history-cache-redis").getSpec().getVolumeClaimTemplates()).isNullOrEmpty();

        Map<String, String> config = configMap(rendered, "parley-config").getData();
        assertThat(config).containsEntry("HISTORY_CACHE_REDIS_HOST", "history-cache-redis")
                .containsEntry("HISTORY_CACHE_REDIS_PORT", "6379");
        NetworkPolicy cachePolicy = rendered.all(NetworkPolicy.class).stream()
                .filter(policy -> policy.getMetadata().getName().equals("history-cache-redis")).findFirst().orElseThrow();
        assertThat(cachePolicy.getSpec().getIngress()).extracting(RedisTests::admits)
                .containsExactlyInAnyOrder("{app.kubernetes.io/name=message-service} on [6379]",
                        "{app.kubernetes.io/name=prometheus} in {kubernetes.io/metadata.name=monitoring} on [9121]");
    }

    /**
     * Each Redis has an exporter beside it, which reads that Redis over the pod's loopback and serves on the port its
     * PodMonitor scrapes (MonitoringTests); it alone of the pod's containers has no Redis port.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void eachRedisHasItsOwnExporterBesideIt(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        for (String name : List.of("redis", "history-cache-redis")) {
            List<Container> containers = statefulSet(rendered, name).getSpec().getTemplate().getSpec().getContainers();
            assertThat(containers).extracting(Container::getName).as(name).containsExactly("redis", "metrics");
            Container exporter = containers.get(1);
            assertThat(exporter.getArgs()).as(name).containsExactly("--redis.addr=redis://localhost:6379");
            assertThat(exporter.getPorts()).as(name).singleElement()
                    .satisfies(port -> assertThat(port.getName() + ":" + port.getContainerPort()).isEqualTo("metrics:9121"));
            assertThat(containers.getFirst().getPorts()).extracting(ContainerPort::getContainerPort).containsExactly(6379);
            assertThat(exporter.getSecurityContext().getReadOnlyRootFilesystem()).as(name).isTrue();
            assertThat(exporter.getResources().getLimits()).as(name).containsKeys("cpu", "memory");
        }
    }

    /** Whom an ingress rule admits, and on which ports: every peer's pod labels, and its namespace's if named. */
    private static String admits(NetworkPolicyIngressRule rule) {
        String peers = rule.getFrom().stream().map(peer -> peer.getPodSelector().getMatchLabels()
                + (peer.getNamespaceSelector() == null ? "" : " in " + peer.getNamespaceSelector().getMatchLabels()))
                .collect(Collectors.joining(", "));
        return peers + " on " + rule.getPorts().stream().map(port -> port.getPort().getIntVal()).toList();
    }

    /** The settings of the redis.conf the StatefulSet mounts from its ConfigMap. */
    static Map<String, String> redisConf(RenderedOverlay rendered, String name) {
        String configMap = statefulSet(rendered, name).getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(volume -> volume.getConfigMap() != null).findFirst().orElseThrow().getConfigMap().getName();
        String conf = configMap(rendered, configMap).getData().get("redis.conf");
        return Arrays.stream(conf.split("\n")).map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.split("\\s+", 2))
                .collect(Collectors.toMap(setting -> setting[0], setting -> setting.length > 1 ? setting[1] : ""));
    }

    private static StatefulSet statefulSet(RenderedOverlay rendered, String name) {
        return rendered.all(StatefulSet.class).stream().filter(set -> set.getMetadata().getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no StatefulSet " + name + " in " + rendered));
    }

    /** By the name it was generated with (kustomize appends a hash). */
    private static ConfigMap configMap(RenderedOverlay rendered, String name) {
        return rendered.all(ConfigMap.class).stream()
                .filter(map -> map.getMetadata().getName().matches(name + "(-[a-z0-9]{10})?"))
                .findFirst().orElseThrow(() -> new AssertionError("no ConfigMap " + name + " in " + rendered));
    }
}
