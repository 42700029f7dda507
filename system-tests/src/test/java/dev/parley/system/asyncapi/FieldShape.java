package dev.parley.system.asyncapi;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * A field as the code has it: its JSON type ({@code null}: any), its fields when it is an object, whether it
 * is always there.
 */
record FieldShape(String type, Map<String, FieldShape> fields, boolean always) {

    /**
     * The fields of a written object; {@code bare} (written with every optional component null) tells which
     * are always there.
     */
    static Map<String, FieldShape> ofWritten(JsonNode written, JsonNode bare) {
        return of(written, bare, null);
    }

    /** For events, which the codec writes whole, a primitive component is what is always there. */
    static Map<String, FieldShape> ofEvent(JsonNode written, Class<?> record) {
        return of(written, null, record);
    }

    private static Map<String, FieldShape> of(JsonNode written, JsonNode bare, Class<?> record) {
        Set<String> primitives = record == null ? Set.of() : Arrays.stream(record.getRecordComponents())
                .filter(component -> component.getType().isPrimitive()).map(RecordComponent::getName)
                .collect(Collectors.toSet());
        Map<String, FieldShape> fields = new LinkedHashMap<>();
        written.properties().forEach(field -> {
            JsonNode value = field.getValue();
            boolean always = record != null ? primitives.contains(field.getKey())
                    : bare != null && bare.has(field.getKey()) && !bare.get(field.getKey()).isNull();
            fields.put(field.getKey(), new FieldShape(jsonType(value), value.isObject() ? of(value, null, null) : null,
                    always));
        });
        return fields;
    }

    private static String jsonType(JsonNode value) {
        return value.isObject() ? "object" : value.isArray() ? "array" : value.isIntegralNumber() ? "integer"
                : value.isNumber() ? "number" : value.isBoolean() ? "boolean" : value.isString() ? "string" : null;
    }

    /** The JSON type a record component is read as. */
    static String jsonType(Class<?> type) {
        if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
            return "integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        if (java.util.List.class.isAssignableFrom(type)) {
            return "array";
        }
        return type == String.class || type == UUID.class || type == Instant.class ? "string" : null;
    }
}
