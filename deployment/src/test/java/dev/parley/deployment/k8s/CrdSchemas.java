package dev.parley.deployment.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The kinds of operators without a Java model on Maven Central (CloudNativePG, its Barman Cloud plugin, the
 * Prometheus Operator's PodMonitor and PrometheusRule),
 * checked against the openAPIV3Schema of their CRDs, vendored under {@code k8s/crd-schemas}.
 *
 * <p>A structural schema does not forbid unknown fields: the API server prunes them (or, with strict field
 * validation, refuses them). To refuse them here too, every object schema that lists its properties and
 * does not say {@code x-kubernetes-preserve-unknown-fields} is closed with {@code additionalProperties:
 * false} before use. {@code metadata} is left open by CRD schemas, so it is read as a fabric8
 * {@link ObjectMeta}, strictly.
 */
final class CrdSchemas {

    private static final Map<String, String> FILES = Map.of(
            "postgresql.cnpg.io/v1 Cluster", "postgresql.cnpg.io-clusters.yaml",
            "postgresql.cnpg.io/v1 ScheduledBackup", "postgresql.cnpg.io-scheduledbackups.yaml",
            "postgresql.cnpg.io/v1 Database", "postgresql.cnpg.io-databases.yaml",
            "barmancloud.cnpg.io/v1 ObjectStore", "barmancloud.cnpg.io-objectstores.yaml",
            "monitoring.coreos.com/v1 PodMonitor", "monitoring.coreos.com-podmonitors.yaml",
            "monitoring.coreos.com/v1 PrometheusRule", "monitoring.coreos.com-prometheusrules.yaml");

    /** Draft 4, which openAPIV3Schema is a dialect of, knowing the Kubernetes extensions (checked by the API server, not here). */
    private static final JsonMetaSchema OPENAPI_V3_SCHEMA = JsonMetaSchema.builder(JsonMetaSchema.getV4())
            .keywords(List.of("nullable", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-embedded-resource",
                            "x-kubernetes-int-or-string", "x-kubernetes-list-type", "x-kubernetes-list-map-keys",
                            "x-kubernetes-map-type", "x-kubernetes-validations").stream()
                    .map(NonValidationKeyword::new)
                    .toList())
            .build();

    private static final Map<String, JsonSchema> SCHEMAS = new LinkedHashMap<>();

    private CrdSchemas() {
    }

    static boolean knows(String apiVersionAndKind) {
        return FILES.containsKey(apiVersionAndKind);
    }

    static List<String> violations(Map<String, Object> object, String apiVersionAndKind) {
        List<String> found = new ArrayList<>();
        if (object.get("metadata") instanceof Map<?, ?> metadata) {
            @SuppressWarnings("unchecked")
            Map<String, Object> meta = (Map<String, Object>) metadata;
            StrictModels.violations(meta, ObjectMeta.class).forEach(problem -> found.add("metadata." + problem));
        }
        JsonNode instance = StrictModels.MAPPER.valueToTree(object);
        for (ValidationMessage message : schema(apiVersionAndKind).validate(instance)) {
            found.add(message.getMessage());
        }
        return found;
    }

    private static synchronized JsonSchema schema(String apiVersionAndKind) {
        return SCHEMAS.computeIfAbsent(apiVersionAndKind, key -> {
            Map<String, Object> schema = close(load(FILES.get(key)));
            JsonNode node = StrictModels.MAPPER.valueToTree(schema);
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4, factory -> factory.metaSchema(OPENAPI_V3_SCHEMA))
                    .getSchema(node);
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String file) {
        String resource = "/k8s/crd-schemas/" + file;
        try (InputStream in = CrdSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("missing test resource " + resource);
            }
            Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return (Map<String, Object>) document.get("schema");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema with every listed-properties object closed to fields it does not list. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> close(Map<String, Object> schema) {
        Map<String, Object> closed = new LinkedHashMap<>();
        schema.forEach((key, value) -> closed.put(key, switch (value) {
            case Map<?, ?> map when key.equals("properties") -> closeEach((Map<String, Object>) map);
            case Map<?, ?> map -> close((Map<String, Object>) map);
            case List<?> list -> list.stream()
                    .map(item -> item instanceof Map<?, ?> map ? close((Map<String, Object>) map) : item)
                    .toList();
            default -> value;
        }));
        if (closed.containsKey("properties") && !closed.containsKey("additionalProperties")
                && !Boolean.TRUE.equals(closed.get("x-kubernetes-preserve-unknown-fields"))) {
            closed.put("additionalProperties", false);
        }
        return closed;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> closeEach(Map<String, Object> properties) {
        Map<String, Object> closed = new LinkedHashMap<>();
        properties.forEach((name, property) -> closed.put(name, close((Map<String, Object>) property)));
        return closed;
    }
}
