package dev.parley.system.asyncapi;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/** Records filled with sample values, for the code to write or read them. */
final class Samples {

    private Samples() {
    }

    /**
     * A record with a sample for every component ({@code full}), or with only what cannot be absent
     * (primitives at their defaults, every other component null).
     */
    static Object instance(Class<?> type, boolean full) throws ReflectiveOperationException {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = full ? sample(components[i].getGenericType()) : defaultOf(components[i].getType());
        }
        var constructor = type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType)
                .toArray(Class<?>[]::new));
        constructor.setAccessible(true);
        return constructor.newInstance(values);
    }

    /** A value FrameReader accepts for a field of this JSON type. */
    static Object validValue(String field, String type) {
        if (field.equals("roomId")) {
            return "0b6f2a52-8d3c-4a8e-9a51-0d6c1f3b9e01";
        }
        if ("array".equals(type)) {
            return List.of("9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d");
        }
        return "integer".equals(type) ? 5 : "c-1";
    }

    /** A list holds one sample of its element type. */
    private static Object sample(Type generic) throws ReflectiveOperationException {
        if (generic instanceof ParameterizedType list && list.getRawType() == List.class) {
            return List.of(sample(list.getActualTypeArguments()[0]));
        }
        return sample((Class<?>) generic);
    }

    private static Object sample(Class<?> type) throws ReflectiveOperationException {
        if (type == UUID.class) {
            return UUID.fromString("0b6f2a52-8d3c-4a8e-9a51-0d6c1f3b9e01");
        }
        if (type == String.class) {
            return "c-1";
        }
        if (type == long.class || type == Long.class) {
            return 7L;
        }
        if (type == int.class || type == Integer.class) {
            return 3;
        }
        if (type == boolean.class || type == Boolean.class) {
            return true;
        }
        if (type == Instant.class) {
            return Instant.parse("2026-11-21T09:30:15.123Z");
        }
        if (type == JsonNode.class) {
            return StringNode.valueOf("f-1");
        }
        if (type.isRecord()) {
            return instance(type, true);
        }
        throw new IllegalStateException("No sample of " + type + ": teach Samples one");
    }

    private static Object defaultOf(Class<?> type) {
        return type == long.class ? 0L : type == int.class ? 0 : type == boolean.class ? false : null;
    }
}
