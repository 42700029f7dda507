package dev.parley.deployment.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.List;
import java.util.Map;

/**
 * Which schema checks an object, by apiVersion and kind: a typed model read strictly ({@link StrictModels})
 * or a vendored CRD schema ({@link CrdSchemas}). An apiVersion or kind with neither is itself a violation,
 * so a new kind in k8s/ cannot go unchecked.
 */
final class ManifestSchemas {

    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1 Namespace", Namespace.class),
            Map.entry("v1 ConfigMap", ConfigMap.class),
            Map.entry("v1 Service", Service.class),
            Map.entry("apps/v1 Deployment", Deployment.class),
            Map.entry("apps/v1 StatefulSet", StatefulSet.class),
            Map.entry("policy/v1 PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2 HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1 NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1 Ingress", Ingress.class),
            Map.entry("kafka.strimzi.io/v1beta2 Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1beta2 KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1beta2 KafkaTopic", KafkaTopic.class));

    private ManifestSchemas() {
    }

    /** Every problem of every object, each as "Kind/name: problem". */
    static List<String> violations(RenderedOverlay overlay) {
        return overlay.objects().stream()
                .flatMap(object -> violations(object).stream()
                        .map(problem -> RenderedOverlay.describe(object) + ": " + problem))
                .toList();
    }

    static List<String> violations(Map<String, Object> object) {
        String key = object.get("apiVersion") + " " + object.get("kind");
        Class<?> model = MODELS.get(key);
        if (model != null) {
            return StrictModels.violations(object, model);
        }
        if (CrdSchemas.knows(key)) {
            return CrdSchemas.violations(object, key);
        }
        return List.of("no schema for " + key + ": add its model or CRD schema to ManifestSchemas");
    }
}
