package dev.parley.deployment.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every service's pod must have in every overlay: ports, probes, resources, hardening, a clean stop. */
class ServicePodTests {

    /** Contract §1. */
    private static final Map<String, Integer> PORTS = Map.of("api-gateway", 8080, "auth-service", 8081,
            "room-service", 8082, "message-service", 8083, "ws-gateway", 8084);

    /** Spring Boot's spring.lifecycle.timeout-per-shutdown-phase: how long one phase of a graceful stop may take. */
    private static final int SHUTDOWN_PHASE_SECONDS = 30;

    /**
     * ws-gateway's drain before that (RestartNotice): parley.ws.session.answer-wait (5 s) for the acks,
     * shutdown-wait (3 s) for the 1012 closes, then 1 s for the last close frames.
     */
    private static final int WS_GATEWAY_DRAIN_SECONDS = 5 + 3 + 1;

    static List<String> overlays() {
        return RenderedOverlay.names();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theFiveServicesRunOnTheirContractPorts(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        List<Deployment> deployments = rendered.all(Deployment.class);
        Map<String, Service> services = rendered.all(Service.class).stream()
                .collect(Collectors.toMap(service -> service.getMetadata().getName(), service -> service));

        assertThat(deployments).extracting(deployment -> deployment.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(PORTS.keySet());
        deployments.forEach(deployment -> {
            String name = deployment.getMetadata().getName();
            Container container = container(deployment);
            assertThat(container.getPorts()).as(name)
                    .anySatisfy(port -> assertThat(port.getName() + ":" + port.getContainerPort()).isEqualTo("http:" + PORTS.get(name)));
            assertThat(env(container, "SERVER_PORT")).as(name).isEqualTo(String.valueOf(PORTS.get(name)));
            assertThat(services.get(name).getSpec().getPorts()).as(name)
                    .filteredOn(port -> "http".equals(port.getName())).singleElement()
                    .satisfies(port -> assertThat(port.getPort()).isEqualTo(PORTS.get(name)))
                    .satisfies(port -> assertThat(port.getTargetPort()).isEqualTo(new IntOrString("http")));
            // ws-gateway serves /ws on a port of its own (ADR 0022); the others have only their HTTP port
            assertThat(services.get(name).getSpec().getPorts()).as(name)
                    .extracting(port -> port.getName() + ":" + port.getPort() + "->" + port.getTargetPort().getStrVal())
                    .containsExactlyInAnyOrderElementsOf(name.equals("ws-gateway")
                            ? List.of("http:8084->http", "websocket:8085->websocket")
                            : List.of("http:" + PORTS.get(name) + "->http"));
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceContainerHasStartupReadinessAndLivenessProbes(String overlay) {
        RenderedOverlay.of(overlay).all(Deployment.class).forEach(deployment -> containers(deployment).forEach(container -> {
            String name = deployment.getMetadata().getName() + "/" + container.getName();
            assertThat(container.getStartupProbe()).as(name + " startupProbe").isNotNull();
            assertThat(httpPath(container.getReadinessProbe())).as(name + " readinessProbe")
                    .isEqualTo("/actuator/health/readiness");
            assertThat(httpPath(container.getLivenessProbe())).as(name + " livenessProbe")
                    .isEqualTo("/actuator/health/liveness");
        }));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceContainerHasCpuAndMemoryRequestsAndLimits(String overlay) {
        RenderedOverlay.of(overlay).all(Deployment.class).forEach(deployment -> containers(deployment).forEach(container -> {
            String name = deployment.getMetadata().getName() + "/" + container.getName();
            assertThat(container.getResources().getRequests()).as(name).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).as(name).containsKeys("cpu", "memory");
        }));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServicePodRunsAsAnUnprivilegedUserOnAReadOnlyRoot(String overlay) {
        RenderedOverlay.of(overlay).all(Deployment.class).forEach(deployment -> {
            String name = deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            var podContext = pod.getSecurityContext();
            assertThat(podContext.getRunAsNonRoot()).as(name + " runAsNonRoot").isTrue();
            assertThat(podContext.getRunAsUser()).as(name + " runAsUser").isEqualTo(10001L);
            assertThat(podContext.getSeccompProfile().getType()).as(name + " seccompProfile").isEqualTo("RuntimeDefault");
            assertThat(pod.getAutomountServiceAccountToken()).as(name + " automountServiceAccountToken").isFalse();

            containers(deployment).forEach(container -> {
                String where = name + "/" + container.getName();
                var context = container.getSecurityContext();
                assertThat(context.getAllowPrivilegeEscalation()).as(where + " allowPrivilegeEscalation").isFalse();
                assertThat(context.getReadOnlyRootFilesystem()).as(where + " readOnlyRootFilesystem").isTrue();
                assertThat(context.getCapabilities().getDrop()).as(where + " capabilities.drop").containsExactly("ALL");
                String tmp = container.getVolumeMounts().stream().filter(mount -> mount.getMountPath().equals("/tmp"))
                        .findFirst().orElseThrow(() -> new AssertionError(where + " has no volume at /tmp")).getName();
                assertThat(pod.getVolumes()).filteredOn(volume -> volume.getName().equals(tmp))
                        .singleElement().extracting(Volume::getEmptyDir).as(where + " /tmp is an emptyDir").isNotNull();
            });
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyRolloutStartsANewPodBeforeItStopsAnOldOne(String overlay) {
        RenderedOverlay.of(overlay).all(Deployment.class).forEach(deployment -> {
            RollingUpdateDeployment rolling = deployment.getSpec().getStrategy().getRollingUpdate();
            assertThat(rolling.getMaxUnavailable()).as(deployment.getMetadata().getName() + " maxUnavailable")
                    .isIn(new IntOrString(0), new IntOrString("0%"));
            assertThat(rolling.getMaxSurge()).as(deployment.getMetadata().getName() + " maxSurge")
                    .isNotNull().isNotIn(new IntOrString(0), new IntOrString("0%"));
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyPodLeavesItsEndpointsBeforeSigtermAndHasTimeToDrain(String overlay) {
        RenderedOverlay.of(overlay).all(Deployment.class).forEach(deployment -> {
            String name = deployment.getMetadata().getName();
            containers(deployment).forEach(container -> {
                String where = name + "/" + container.getName();
                var preStop = container.getLifecycle().getPreStop();
                assertThat(preStop.getSleep()).as(where + " preStop sleep").isNotNull();
                long sleep = preStop.getSleep().getSeconds();
                assertThat(sleep).as(where + " preStop sleep seconds").isGreaterThanOrEqualTo(5);
                long needed = sleep + SHUTDOWN_PHASE_SECONDS + (container.getName().equals("ws-gateway") ? WS_GATEWAY_DRAIN_SECONDS : 0);
                assertThat(deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                        .as(where + " terminationGracePeriodSeconds").isGreaterThan(needed);
            });
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceRunsTheReleaseImageOfItsOwnName(String overlay) throws IOException {
        String registry = imageRegistry();
        List<Deployment> deployments = RenderedOverlay.of(overlay).all(Deployment.class);
        deployments.forEach(deployment -> {
            String name = deployment.getMetadata().getName();
            assertThat(container(deployment).getName()).isEqualTo(name);
            assertThat(container(deployment).getImage()).as(name).matches(Pattern.quote(registry + "/" + name) + ":\\d+\\.\\d+\\.\\d+");
            // a second container runs another of the five (ws-gateway's edge, ADR 0023)
            assertThat(containers(deployment)).as(name).allSatisfy(container -> assertThat(container.getImage())
                    .matches(Pattern.quote(registry + "/") + "(" + String.join("|", PORTS.keySet()) + "):\\d+\\.\\d+\\.\\d+"));
        });
        assertThat(deployments).flatExtracting(ServicePodTests::containers)
                .extracting(container -> container.getImage().replaceAll(".*:", ""))
                .as("one release for the five images").containsOnly(container(deployments.getFirst()).getImage().replaceAll(".*:", ""));
    }

    /** Where the build (Jib) pushes the images: the root pom's parley.image.registry. */
    private static String imageRegistry() throws IOException {
        String pom = Files.readString(RenderedOverlay.repositoryRoot().resolve("pom.xml"));
        Matcher registry = Pattern.compile("<parley\\.image\\.registry>([^<]+)</parley\\.image\\.registry>").matcher(pom);
        assertThat(registry.find()).as("parley.image.registry in the root pom").isTrue();
        return registry.group(1);
    }

    /** The service's own container: the pod's first. */
    static Container container(Deployment deployment) {
        return containers(deployment).getFirst();
    }

    static List<Container> containers(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers();
    }

    static String env(Container container, String name) {
        return container.getEnv().stream().filter(env -> env.getName().equals(name)).map(EnvVar::getValue)
                .findFirst().orElse(null);
    }

    private static String httpPath(Probe probe) {
        return probe == null || probe.getHttpGet() == null ? null : probe.getHttpGet().getPath();
    }
}
