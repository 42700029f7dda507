package dev.parley.deployment.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every overlay renders, and every object it renders is valid for its kind's schema. */
class ManifestSchemaTests {

    static List<String> overlays() {
        return RenderedOverlay.names();
    }

    @Test
    void productionAndDevOverlaysExist() {
        assertThat(overlays()).contains("production", "dev");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyRenderedObjectMatchesItsSchema(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);

        assertThat(rendered.objects()).isNotEmpty();
        assertThat(ManifestSchemas.violations(rendered)).as("schema violations in k8s/overlays/" + overlay).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectIsInTheParleyNamespace(String overlay) {
        assertThat(RenderedOverlay.of(overlay).objects())
                .filteredOn(object -> !"Namespace".equals(object.get("kind")))
                .allSatisfy(object -> assertThat(object).extractingByKey("metadata")
                        .asInstanceOf(MAP)
                        .containsEntry("namespace", "parley"));
    }

    @Test
    void aMissingKubectlIsNamedWithWhatToDo() {
        assertThatThrownBy(() -> Kustomize.kubectlOn("/nonexistent-bin"))
                .hasMessageContaining("kubectl was not found on the PATH (/nonexistent-bin)")
                .hasMessageContaining("install kubectl");
    }
}
