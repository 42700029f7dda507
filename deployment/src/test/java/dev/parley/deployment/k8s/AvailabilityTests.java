package dev.parley.deployment.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Node drains never take a service down, and the services that scale out are scaled automatically. */
class AvailabilityTests {

    /** Stateless, or split work through Kafka partitions: more instances carry more load. */
    private static final Set<String> AUTOSCALED = Set.of("api-gateway", "ws-gateway", "message-service");

    static List<String> overlays() {
        return RenderedOverlay.names();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyDeploymentHasADisruptionBudgetThatLetsDrainsProceedOnePodAtATime(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        List<PodDisruptionBudget> budgets = rendered.all(PodDisruptionBudget.class);

        rendered.all(Deployment.class).forEach(deployment -> {
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(budgets).as(deployment.getMetadata().getName())
                    .filteredOn(budget -> podLabels.entrySet().containsAll(budget.getSpec().getSelector().getMatchLabels().entrySet()))
                    .singleElement()
                    .satisfies(budget -> assertThat(budget.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1)));
        });
    }

    @Test
    void productionAutoscalesTheScalableServicesOnCpuAndLeavesThemTheirReplicaCount() {
        RenderedOverlay production = RenderedOverlay.of("production");
        Map<String, HorizontalPodAutoscaler> autoscalers = production.all(HorizontalPodAutoscaler.class).stream()
                .collect(Collectors.toMap(hpa -> hpa.getSpec().getScaleTargetRef().getName(), hpa -> hpa));

        assertThat(autoscalers.keySet()).containsExactlyInAnyOrderElementsOf(AUTOSCALED);
        production.all(Deployment.class).forEach(deployment -> {
            String name = deployment.getMetadata().getName();
            if (!AUTOSCALED.contains(name)) {
                assertThat(deployment.getSpec().getReplicas()).as(name + " replicas").isGreaterThanOrEqualTo(2);
                return;
            }
            // a replicas field would be set back by every kubectl apply, fighting the autoscaler
            assertThat(deployment.getSpec().getReplicas()).as(name + " replicas").isNull();
            var spec = autoscalers.get(name).getSpec();
            assertThat(spec.getScaleTargetRef().getApiVersion() + " " + spec.getScaleTargetRef().getKind())
                    .isEqualTo("apps/v1 Deployment");
            assertThat(spec.getMinReplicas()).as(name + " minReplicas").isGreaterThanOrEqualTo(2);
            assertThat(spec.getMaxReplicas()).as(name + " maxReplicas").isGreaterThan(spec.getMinReplicas());
            assertThat(spec.getMetrics()).as(name + " metrics")
                    .anySatisfy(metric -> assertThat(metric.getResource().getName()).isEqualTo("cpu"));
            // a CPU utilization target is a share of the request
            assertThat(ServicePodTests.container(deployment).getResources().getRequests()).containsKey("cpu");
        });
    }
}
