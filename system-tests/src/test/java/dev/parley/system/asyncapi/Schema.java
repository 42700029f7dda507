package dev.parley.system.asyncapi;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** One JSON schema of the AsyncAPI document: its properties (their {@code $ref}s followed), required fields and types. */
record Schema(Map<String, Object> node, AsyncApiDocument document) {

    /** The names of its properties, in the document's order; empty when it has none. */
    Set<String> propertyNames() {
        Map<?, ?> properties = (Map<?, ?>) node.get("properties");
        return properties == null ? Set.of() : properties.keySet().stream().map(String::valueOf)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    boolean hasProperties() {
        return node.containsKey("properties");
    }

    Schema property(String name) {
        return document.schemaOf(((Map<?, ?>) node.get("properties")).get(name));
    }

    Set<String> required() {
        return strings(node.getOrDefault("required", List.of()));
    }

    Object constant() {
        return node.get("const");
    }

    Set<String> enumValues() {
        return strings(node.get("enum"));
    }

    /** Its JSON types: its {@code type} (one or a list), or its {@code const}'s; empty for any. */
    Set<String> types() {
        Object type = node.get("type");
        if (type instanceof String one) {
            return Set.of(one);
        }
        if (type instanceof List<?> many) {
            return strings(many);
        }
        Object constant = constant();
        return constant instanceof String ? Set.of("string") : constant instanceof Number ? Set.of("integer") : Set.of();
    }

    /** The node alone: the document it belongs to is too large to print. */
    @Override
    public String toString() {
        return String.valueOf(node);
    }

    static Set<String> strings(Object list) {
        return list == null ? Set.of()
                : ((List<?>) list).stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new));
    }
}
