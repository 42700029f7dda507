package dev.parley.deployment.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceBackendPort;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The public entry is the api-gateway over TLS, and inside the namespace each service admits only its callers. */
class NetworkAccessTests {

    private static final String API_GATEWAY_IMAGE = ".*/api-gateway:[^/]+";

    /** Who calls whom synchronously (docs/architecture.md): every other connection must be refused. */
    private static final Map<String, Set<String>> CALLERS = Map.of(
            "api-gateway", Set.of(),
            "auth-service", Set.of("api-gateway", "room-service", "message-service", "ws-gateway"),
            "room-service", Set.of("api-gateway", "ws-gateway"),
            "message-service", Set.of("api-gateway", "ws-gateway"),
            "ws-gateway", Set.of("api-gateway"));

    static List<String> overlays() {
        return RenderedOverlay.names();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theIngressSendsEverythingToAnApiGatewayOverTls(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        Ingress ingress = rendered.all(Ingress.class).getFirst();
        var tls = ingress.getSpec().getTls();

        assertThat(ingress.getMetadata().getAnnotations()).containsKey("cert-manager.io/cluster-issuer");
        assertThat(tls).isNotEmpty().allSatisfy(entry -> assertThat(entry.getSecretName()).isNotBlank());
        ingress.getSpec().getRules().forEach(rule -> {
            assertThat(tls).as("a certificate for " + rule.getHost()).anySatisfy(entry -> assertThat(entry.getHosts()).contains(rule.getHost()));
            // /ws to the api-gateway container beside each ws-gateway (ADR 0023), the rest to the api-gateway's pods
            assertThat(rule.getHttp().getPaths()).allSatisfy(path -> assertThat(target(rendered, path.getBackend()).container().getImage())
                    .as(path.getPath()).matches(API_GATEWAY_IMAGE));
        });
        // a WebSocket is one long request; ws-gateway's heartbeat (25 s) keeps a live one busy well within these
        assertThat(ingress.getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-send-timeout", "3600");
    }

    /** ADR 0023: the edge that takes /ws hands each connection to the ws-gateway of its own pod, as ./parley up and docker-compose do. */
    @ParameterizedTest
    @MethodSource("overlays")
    void theEdgeThatTakesWsHandsEachConnectionToTheWsGatewayOfItsPod(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        HTTPIngressPath ws = rendered.all(Ingress.class).getFirst().getSpec().getRules().getFirst().getHttp().getPaths().stream()
                .filter(path -> path.getPath().equals("/ws")).findFirst()
                .orElseThrow(() -> new AssertionError("the Ingress has no path /ws"));
        Target edge = target(rendered, ws.getBackend());
        Container gateway = ServicePodTests.containers(edge.deployment()).stream()
                .filter(container -> container.getImage().matches(".*/ws-gateway:.*")).findFirst()
                .orElseThrow(() -> new AssertionError("no ws-gateway in the pod that takes /ws"));
        PodSpec pod = edge.deployment().getSpec().getTemplate().getSpec();

        String socket = ServicePodTests.env(gateway, "PARLEY_WS_HANDOFF_SOCKET");
        assertThat(socket).as("ws-gateway's hand-over socket").isNotBlank();
        assertThat(ServicePodTests.env(edge.container(), "PARLEY_WS_HANDOFF_SOCKET")).as("the edge's").isEqualTo(socket);
        String folder = Path.of(socket).getParent().toString();
        VolumeMount shared = gateway.getVolumeMounts().stream().filter(mount -> mount.getMountPath().equals(folder)).findFirst()
                .orElseThrow(() -> new AssertionError("ws-gateway mounts nothing at " + folder));
        assertThat(edge.container().getVolumeMounts()).as("the edge's mounts")
                .anySatisfy(mount -> assertThat(mount.getName() + ":" + mount.getMountPath()).isEqualTo(shared.getName() + ":" + folder));
        // the socket admits whoever reaches it to hand over any connection: a volume of this pod alone
        assertThat(pod.getVolumes()).filteredOn(volume -> volume.getName().equals(shared.getName())).singleElement()
                .satisfies(volume -> assertThat(volume.getEmptyDir()).as("an emptyDir").isNotNull());
        // where it cannot hand over it relays (ADR 0015), and then to the same pod's ws-gateway
        assertThat(ServicePodTests.env(edge.container(), "WS_GATEWAY_URL")).startsWith("ws://127.0.0.1:");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void incomingConnectionsAreRefusedUnlessAPolicyAdmitsThem(String overlay) {
        assertThat(RenderedOverlay.of(overlay).all(NetworkPolicy.class)).anySatisfy(policy -> {
            assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
            assertThat(policy.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
            assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
            assertThat(policy.getSpec().getIngress()).isNullOrEmpty();
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theIngressControllerReachesOnlyApiGatewayContainers(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        Set<String> reached = new TreeSet<>();
        for (Deployment deployment : rendered.all(Deployment.class)) {
            for (NetworkPolicyPort port : admitted(rendered, deployment, peer -> fromNamespace(peer, "ingress-nginx"))) {
                Container container = ServicePodTests.containers(deployment).stream()
                        .filter(candidate -> resolve(port.getPort(), candidate) > 0).findFirst()
                        .orElseThrow(() -> new AssertionError(deployment.getMetadata().getName() + " has no port " + port.getPort()));
                assertThat(container.getImage()).as(deployment.getMetadata().getName() + " port " + port.getPort()).matches(API_GATEWAY_IMAGE);
                // it believes the ingress controller's X-Forwarded-For, and nobody else's (contract §7)
                assertThat(container.getEnvFrom()).as(deployment.getMetadata().getName() + "/" + container.getName() + " configuration")
                        .anySatisfy(source -> assertThat(rendered.all(ConfigMap.class)).filteredOn(map -> map.getMetadata().getName()
                                .equals(source.getConfigMapRef().getName())).singleElement()
                                .satisfies(map -> assertThat(map.getData().get("PARLEY_TRUSTED_PROXIES")).isNotBlank()));
                reached.add(deployment.getMetadata().getName() + "/" + container.getName());
            }
        }
        assertThat(reached).containsExactly("api-gateway/api-gateway", "ws-gateway/edge");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void eachServiceAdmitsOnlyTheServicesThatCallIt(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        List<Deployment> deployments = rendered.all(Deployment.class);

        for (Deployment target : deployments) {
            Set<String> callers = new TreeSet<>();
            for (Deployment caller : deployments) {
                Map<String, String> labels = caller.getSpec().getTemplate().getMetadata().getLabels();
                if (!admitted(rendered, target, peer -> peer.getNamespaceSelector() == null
                        && peer.getPodSelector() != null && matches(peer.getPodSelector(), labels)).isEmpty()) {
                    callers.add(caller.getMetadata().getName());
                }
            }
            assertThat(callers).as("callers of " + target.getMetadata().getName())
                    .containsExactlyInAnyOrderElementsOf(CALLERS.get(target.getMetadata().getName()));
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void prometheusMayScrapeEveryServiceOnItsMetricsPort(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        for (Deployment deployment : rendered.all(Deployment.class)) {
            int metricsPort = Integer.parseInt(deployment.getSpec().getTemplate().getMetadata().getAnnotations().get("prometheus.io/port"));
            Container container = ServicePodTests.container(deployment);
            List<NetworkPolicyPort> ports = admitted(rendered, deployment, peer -> fromNamespace(peer, "monitoring"));
            assertThat(ports).as(deployment.getMetadata().getName())
                    .anySatisfy(port -> assertThat(resolve(port.getPort(), container)).isEqualTo(metricsPort));
        }
    }

    private record Target(Deployment deployment, Container container) {}

    /** The container a backend reaches: the Service's pods, the container owning the Service port's target. */
    private static Target target(RenderedOverlay rendered, IngressBackend backend) {
        Service service = rendered.all(Service.class).stream()
                .filter(candidate -> candidate.getMetadata().getName().equals(backend.getService().getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no Service " + backend.getService().getName()));
        ServiceBackendPort wanted = backend.getService().getPort();
        IntOrString targetPort = service.getSpec().getPorts().stream()
                .filter(port -> wanted.getName() != null ? wanted.getName().equals(port.getName()) : wanted.getNumber().equals(port.getPort()))
                .findFirst().orElseThrow(() -> new AssertionError("Service " + service.getMetadata().getName() + " has no port " + wanted))
                .getTargetPort();
        List<Deployment> selected = rendered.all(Deployment.class).stream()
                .filter(candidate -> candidate.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                        .containsAll(service.getSpec().getSelector().entrySet()))
                .toList();
        assertThat(selected).as("the pods of Service " + service.getMetadata().getName()).hasSize(1);
        Deployment deployment = selected.getFirst();
        Container container = ServicePodTests.containers(deployment).stream().filter(candidate -> resolve(targetPort, candidate) > 0)
                .findFirst().orElseThrow(() -> new AssertionError(service.getMetadata().getName() + "'s pods have no port " + targetPort));
        return new Target(deployment, container);
    }

    /** The ports of the deployment's pods that the policies selecting them open to a peer the predicate accepts. */
    private static List<NetworkPolicyPort> admitted(RenderedOverlay rendered, Deployment deployment, Predicate<NetworkPolicyPeer> peer) {
        Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        return rendered.all(NetworkPolicy.class).stream()
                .filter(policy -> matches(policy.getSpec().getPodSelector(), labels))
                .flatMap(policy -> policy.getSpec().getIngress().stream())
                .filter(rule -> rule.getFrom().stream().anyMatch(peer))
                .flatMap(rule -> rule.getPorts().stream())
                .toList();
    }

    private static boolean fromNamespace(NetworkPolicyPeer peer, String namespace) {
        return peer.getNamespaceSelector() != null
                && matches(peer.getNamespaceSelector(), Map.of("kubernetes.io/metadata.name", namespace));
    }

    /** matchLabels and the In/NotIn/Exists/DoesNotExist expressions; an empty selector selects everything. */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        boolean byLabels = selector.getMatchLabels() == null
                || labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
        boolean byExpressions = selector.getMatchExpressions() == null || selector.getMatchExpressions().stream()
                .allMatch(expression -> switch (expression.getOperator()) {
                    case "In" -> expression.getValues().contains(labels.get(expression.getKey()));
                    case "NotIn" -> !expression.getValues().contains(labels.get(expression.getKey()));
                    case "Exists" -> labels.containsKey(expression.getKey());
                    case "DoesNotExist" -> !labels.containsKey(expression.getKey());
                    default -> throw new AssertionError("unknown operator " + expression.getOperator());
                });
        return byLabels && byExpressions;
    }

    private static int resolve(IntOrString port, Container container) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .mapToInt(p -> p.getContainerPort()).findFirst().orElse(-1);
    }
}
