package dev.parley.deployment.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schema check can fail. A broken copy of the production overlay — a kustomization on top of it with one
 * deliberate mistake per object (an unknown field, or a value of the wrong type), for each way a kind is
 * checked — is rendered once, and each mistake must be reported against its object, naming the field.
 */
class BrokenManifestTests {

    /** One JSON patch op on one object, and what the violation must name. */
    record Mistake(String description, String kind, String name, String patch, String named) {
        @Override
        public String toString() {
            return description;
        }
    }

    static List<Mistake> mistakes() {
        return List.of(
                new Mistake("a misspelt probe field in a Deployment (fabric8 model)", "Deployment", "ws-gateway",
                        "{ op: add, path: /spec/template/spec/containers/0/readinessProbe/periodSecond, value: 5 }",
                        "spec.template.spec.containers[0].readinessProbe.periodSecond: unknown field"),
                new Mistake("a port as a string in a Deployment (fabric8 model)", "Deployment", "message-service",
                        "{ op: replace, path: /spec/template/spec/containers/0/ports/0/containerPort, value: \"8083\" }",
                        "spec.template.spec.containers[0].ports[0].containerPort: Cannot coerce String value (\"8083\")"),
                new Mistake("a boolean as a string in a securityContext (fabric8 model)", "Deployment", "api-gateway",
                        "{ op: replace, path: /spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem, value: \"true\" }",
                        "securityContext.readOnlyRootFilesystem: Cannot coerce String value (\"true\")"),
                new Mistake("a port name as a number in a Service (fabric8 model)", "Service", "auth-service",
                        "{ op: replace, path: /spec/ports/0/name, value: 8081 }",
                        "spec.ports[0].name: Cannot coerce Integer value (8081)"),
                new Mistake("an unknown field in a KafkaTopic (Strimzi model)", "KafkaTopic", "parley.signals.v1",
                        "{ op: add, path: /spec/replica, value: 3 }",
                        "spec.replica: unknown field"),
                new Mistake("partitions as a string in a KafkaTopic (Strimzi model)", "KafkaTopic", "parley.presence-events.v1",
                        "{ op: replace, path: /spec/partitions, value: \"6\" }",
                        "spec.partitions: Cannot coerce String value (\"6\")"),
                new Mistake("instances as a string in the PostgreSQL Cluster (CloudNativePG schema)", "Cluster", "parley-db",
                        "{ op: replace, path: /spec/instances, value: \"3\" }",
                        "$.spec.instances: string found, integer expected"),
                new Mistake("an unknown field in the backups' ObjectStore (Barman Cloud plugin schema)", "ObjectStore",
                        "parley-db-backups", "{ op: add, path: /spec/configuration/destinationPaht, value: s3://x }",
                        "property 'destinationPaht' is not defined in the schema"),
                new Mistake("an unknown metadata field of a ScheduledBackup (fabric8 ObjectMeta)", "ScheduledBackup",
                        "parley-db-nightly", "{ op: add, path: /metadata/label, value: { a: b } }",
                        "metadata.label: unknown field"),
                new Mistake("a Deployment of an API version that no longer exists", "Deployment", "room-service",
                        "{ op: replace, path: /apiVersion, value: extensions/v1beta1 }",
                        "no schema for extensions/v1beta1 Deployment"));
    }

    @TempDir
    static Path dir;

    private static List<String> violations;

    @BeforeAll
    static void renderTheBrokenCopy() throws IOException {
        String patches = mistakes().stream().map(mistake -> """
                  - target: { kind: %s, name: %s }
                    patch: |-
                      - %s
                """.formatted(mistake.kind(), mistake.name(), mistake.patch())).collect(Collectors.joining());
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - %s
                patches:
                %s""".formatted(dir.relativize(RenderedOverlay.overlaysDir().resolve("production")), patches));
        violations = ManifestSchemas.violations(RenderedOverlay.render("broken production", dir));
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void theMistakeIsRejectedWithTheFieldNamed(Mistake mistake) {
        assertThat(violations).as(mistake.description())
                .filteredOn(violation -> violation.startsWith(mistake.kind() + "/" + mistake.name() + ": "))
                .singleElement().asString().contains(mistake.named());
    }

    @Test
    void nothingButTheMistakesIsRejected() {
        assertThat(violations).hasSize(mistakes().size());
    }
}
