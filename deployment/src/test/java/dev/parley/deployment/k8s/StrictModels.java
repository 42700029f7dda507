package dev.parley.deployment.k8s;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads an object into its typed model (fabric8 for built-in kinds, Strimzi's for Kafka's) as strictly as
 * the API server's strict field validation: a wrong type fails, and so does an unknown field. The models
 * keep unknown fields in {@code additionalProperties} instead of failing, so after reading, every
 * object in the graph is walked and any field that landed there is a violation.
 */
final class StrictModels {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .withCoercionConfig(LogicalType.Integer, config -> config
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Float, config -> config
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Boolean, config -> config
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Textual, config -> config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Enum, config -> config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
            .build();

    private StrictModels() {
    }

    /** The typed object, or an AssertionError naming the field that is unknown or of the wrong type. */
    static <T> T read(Map<String, Object> object, Class<T> type) {
        T model = readTypes(object, type);
        List<String> unknown = unknownFields(model);
        if (!unknown.isEmpty()) {
            throw new AssertionError("unknown field(s) for " + type.getSimpleName() + ": " + String.join(", ", unknown));
        }
        return model;
    }

    /** What is wrong with the object as the given model: nothing (empty), or one message per problem. */
    static List<String> violations(Map<String, Object> object, Class<?> type) {
        try {
            return unknownFields(readTypes(object, type)).stream().map(path -> path + ": unknown field").toList();
        } catch (AssertionError e) {
            return List.of(e.getMessage());
        }
    }

    private static <T> T readTypes(Object object, Class<T> type) {
        try {
            return MAPPER.treeToValue(MAPPER.valueToTree(object), type);
        } catch (JsonMappingException e) {
            String path = e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining());
            throw new AssertionError((path.isEmpty() ? "" : path.substring(1) + ": ") + e.getOriginalMessage(), e);
        } catch (Exception e) {
            throw new AssertionError("not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** The JSON path of every field that went to an additionalProperties map anywhere in the model. */
    static List<String> unknownFields(Object model) {
        List<String> found = new ArrayList<>();
        walk(model, "", found, Collections.newSetFromMap(new IdentityHashMap<>()));
        return found;
    }

    private static void walk(Object node, String path, List<String> found, Set<Object> seen) {
        if (node == null || !seen.add(node)) {
            return;
        }
        if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", found, seen);
            }
        } else if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, path + "." + key, found, seen));
        } else if (isModel(node.getClass())) {
            JavaType type = MAPPER.constructType(node.getClass());
            BeanDescription bean = MAPPER.getSerializationConfig().introspect(type);
            AnnotatedMember anyGetter = bean.findAnyGetter();
            if (anyGetter != null && anyGetter.getValue(node) instanceof Map<?, ?> extra) {
                extra.keySet().forEach(key -> found.add(path.isEmpty() ? key.toString() : path.substring(1) + "." + key));
            }
            for (BeanPropertyDefinition property : bean.findProperties()) {
                AnnotatedMember accessor = property.getAccessor();
                if (accessor != null) {
                    walk(accessor.getValue(node), path + "." + property.getName(), found, seen);
                }
            }
        }
    }

    private static boolean isModel(Class<?> type) {
        String name = type.getName();
        return name.startsWith("io.fabric8.kubernetes.api.model.") || name.startsWith("io.strimzi.api.");
    }
}
