package dev.parley.deployment.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The public entry is the api-gateway over TLS, and inside the namespace each service admits only its callers. */
class NetworkAccessTests {

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
    void theIngressSendsEverythingToTheApiGatewayOverTls(String overlay) {
        Ingress ingress = RenderedOverlay.of(overlay).all(Ingress.class).getFirst();
        var tls = ingress.getSpec().getTls();

        assertThat(ingress.getMetadata().getAnnotations()).containsKey("cert-manager.io/cluster-issuer");
        assertThat(tls).isNotEmpty().allSatisfy(entry -> assertThat(entry.getSecretName()).isNotBlank());
        ingress.getSpec().getRules().forEach(rule -> {
            assertThat(tls).as("a certificate for " + rule.getHost()).anySatisfy(entry -> assertThat(entry.getHosts()).contains(rule.getHost()));
            assertThat(rule.getHttp().getPaths()).allSatisfy(path ->
                    assertThat(path.getBackend().getService().getName()).isEqualTo("api-gateway"));
        });
        // a WebSocket is one long request; ws-gateway's heartbeat (25 s) keeps a live one busy well within these
        assertThat(ingress.getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-send-timeout", "3600");
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
    void onlyTheApiGatewayIsReachableFromTheIngressController(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        Set<String> reachable = new TreeSet<>();
        for (Deployment deployment : rendered.all(Deployment.class)) {
            if (!admitted(rendered, deployment, peer -> fromNamespace(peer, "ingress-nginx")).isEmpty()) {
                reachable.add(deployment.getMetadata().getName());
            }
        }
        assertThat(reachable).containsExactly("api-gateway");
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
