package dev.parley.gateway.api.docs;

import dev.parley.gateway.api.EdgeError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Merges the services' OpenAPI documents into one, as clients see the API through the edge: every path
 * and operation, every component (a name two services define differently is renamed
 * {@code <service>.<Name>} in the second, its references with it), tags, security schemes, and one
 * server, the public origin. A source's document-wide {@code security} moves onto its own operations,
 * since the merged document has no single one. Sources that could not be read are named in the
 * description and in {@code x-parley-unavailable}. Pure: no I/O.
 */
final class OpenApiMerger {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** One source's document, or why there is none. */
    record Part(String source, JsonNode document, String unavailable) {

        static Part of(String source, JsonNode document) {
            return new Part(source, document, null);
        }

        static Part missing(String source, String reason) {
            return new Part(source, null, reason);
        }
    }

    /** The edge's own answers, from their one home: "400 `bad_request` (when), …". */
    private static final String EDGE_ERRORS = Arrays.stream(EdgeError.values())
            .map(error -> error.status().value() + " `" + error.code() + "` (" + error.when() + ")")
            .collect(Collectors.joining(", "));

    private final String publicUrl;

    /** Whether a document has the shape the merge relies on (objects where OpenAPI has objects). */
    static boolean isMergeable(JsonNode document) {
        return document.isObject() && document.path("openapi").isString()
                && objectOfObjects(document.path("paths")) && objectOfObjects(document.path("components"))
                && document.path("components").values().stream().allMatch(OpenApiMerger::objectOfObjects)
                && (document.path("tags").isMissingNode() || document.path("tags").isArray()
                        && document.path("tags").values().stream().allMatch(JsonNode::isObject));
    }

    private static boolean objectOfObjects(JsonNode node) {
        return node.isMissingNode() || node.isObject() && node.values().stream().allMatch(JsonNode::isObject);
    }

    OpenApiMerger(String publicUrl) {
        this.publicUrl = publicUrl;
    }

    ObjectNode merge(List<Part> parts) {
        ObjectNode merged = NODES.objectNode();
        ObjectNode paths = NODES.objectNode();
        ObjectNode components = NODES.objectNode();
        Map<String, ObjectNode> tags = new LinkedHashMap<>();
        Map<String, String> pathKeys = new HashMap<>();
        Set<String> operationIds = new HashSet<>();
        List<String> conflicts = new ArrayList<>();
        ArrayNode unavailable = NODES.arrayNode();
        String version = "3.1.0";
        for (Part part : parts) {
            if (part.document() == null || !isMergeable(part.document())) {
                unavailable.addObject().put("source", part.source())
                        .put("reason", part.unavailable() == null ? "not an OpenAPI document" : part.unavailable());
                continue;
            }
            ObjectNode document = (ObjectNode) part.document().deepCopy();
            if (document.path("openapi").isString()) {
                version = document.path("openapi").asString();
            }
            renameCollidingComponents(part.source(), document, components);
            pushSecurityDown(document);
            mergeComponents(document.path("components"), components);
            document.path("tags").values().forEach(tag -> tags.putIfAbsent(tag.path("name").asString(), (ObjectNode) tag));
            // springdoc tags operations by controller without listing the tags: list them, so clients see them all
            operations(document.path("paths")).forEach(operation -> operation.path("tags").values()
                    .forEach(tag -> tags.computeIfAbsent(tag.asString(), name -> NODES.objectNode().put("name", name))));
            mergePaths(part.source(), document.path("paths"), paths, pathKeys, operationIds, conflicts);
        }
        merged.put("openapi", version);
        merged.set("info", info(parts, unavailable, conflicts));
        merged.putArray("servers").addObject().put("url", publicUrl).put("description", "The public entry (api-gateway)");
        if (!tags.isEmpty()) {
            merged.putArray("tags").addAll(new ArrayList<>(tags.values()));
        }
        merged.set("paths", paths);
        merged.set("components", components);
        if (!unavailable.isEmpty()) {
            merged.set("x-parley-unavailable", unavailable);
        }
        return merged;
    }

    private ObjectNode info(List<Part> parts, ArrayNode unavailable, List<String> conflicts) {
        StringBuilder description = new StringBuilder("Parley's HTTP API as clients reach it, through the api-gateway "
                + "(the only public entry), merged from the services' own documents: ")
                .append(String.join(", ", parts.stream().map(Part::source).toList())).append(". Errors are RFC 9457 "
                        + "application/problem+json with status, title, detail and a stable `code`; besides each "
                        + "service's own, the edge itself may answer any path with ").append(EDGE_ERRORS).append(". "
                        + "The WebSocket protocol and the Kafka events are described in AsyncAPI: /api-docs/asyncapi.yaml.");
        unavailable.values().forEach(missing -> description.append("\n\n**Not included now:** ")
                .append(missing.path("source").asString()).append(" (").append(missing.path("reason").asString())
                .append("); its endpoints are missing from this document until it answers again."));
        conflicts.forEach(conflict -> description.append("\n\n**Conflict:** ").append(conflict));
        ObjectNode info = NODES.objectNode();
        info.put("title", "Parley HTTP API");
        info.put("version", "1");
        info.put("description", description.toString());
        info.putObject("license").put("name", "Apache-2.0");
        return info;
    }

    /**
     * Components this document defines differently from what is merged so far get its source's prefix;
     * references to them follow. Repeated because a rename changes the documents that refer to it.
     */
    private static void renameCollidingComponents(String source, ObjectNode document, ObjectNode merged) {
        boolean renamed = true;
        while (renamed) {
            renamed = false;
            JsonNode components = document.path("components");
            for (Map.Entry<String, JsonNode> type : components.properties()) {
                for (Map.Entry<String, JsonNode> component : new ArrayList<>(type.getValue().properties())) {
                    JsonNode existing = merged.path(type.getKey()).get(component.getKey());
                    if (existing != null && !existing.equals(component.getValue())) {
                        String name = freeName(source + "." + component.getKey(), merged.path(type.getKey()),
                                type.getValue());
                        ((ObjectNode) type.getValue()).set(name, component.getValue());
                        ((ObjectNode) type.getValue()).remove(component.getKey());
                        rewriteReferences(document, "#/components/" + type.getKey() + "/" + component.getKey(),
                                "#/components/" + type.getKey() + "/" + name);
                        if (type.getKey().equals("securitySchemes")) {
                            renameSecurityRequirements(document, component.getKey(), name);
                        }
                        renamed = true;
                    }
                }
            }
        }
    }

    private static String freeName(String wanted, JsonNode merged, JsonNode own) {
        String name = wanted;
        for (int n = 2; merged.has(name) || own.has(name); n++) {
            name = wanted + n;
        }
        return name;
    }

    private static void rewriteReferences(JsonNode node, String from, String to) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> property : new ArrayList<>(object.properties())) {
                if (property.getKey().equals("$ref") && property.getValue().isString()
                        && (property.getValue().asString().equals(from) || property.getValue().asString().startsWith(from + "/"))) {
                    object.set("$ref", StringNode.valueOf(to + property.getValue().asString().substring(from.length())));
                } else {
                    rewriteReferences(property.getValue(), from, to);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.values().forEach(element -> rewriteReferences(element, from, to));
        }
    }

    private static void renameSecurityRequirements(ObjectNode document, String from, String to) {
        List<JsonNode> requirementLists = new ArrayList<>();
        requirementLists.add(document.path("security"));
        operations(document.path("paths")).forEach(operation -> requirementLists.add(operation.path("security")));
        for (JsonNode requirements : requirementLists) {
            for (JsonNode requirement : requirements.values()) {
                if (requirement instanceof ObjectNode object && object.has(from)) {
                    object.set(to, object.remove(from));
                }
            }
        }
    }

    /** The document-wide security requirement becomes each of its operations' own, unless they have one. */
    private static void pushSecurityDown(ObjectNode document) {
        JsonNode security = document.remove("security");
        if (security == null || security.isEmpty()) {
            return;
        }
        operations(document.path("paths")).forEach(operation -> {
            if (!operation.has("security")) {
                operation.set("security", security.deepCopy());
            }
        });
    }

    private static void mergeComponents(JsonNode components, ObjectNode merged) {
        for (Map.Entry<String, JsonNode> type : components.properties()) {
            ObjectNode target = merged.has(type.getKey()) ? (ObjectNode) merged.get(type.getKey()) : merged.putObject(type.getKey());
            type.getValue().properties().forEach(component -> {
                if (!target.has(component.getKey())) {
                    target.set(component.getKey(), component.getValue());
                }
            });
        }
    }

    /**
     * Paths are matched by their shape ({@code /api/rooms/{id}} and {@code /api/rooms/{roomId}} are one
     * path, as OpenAPI requires); an operation two sources both define stays the first one's, noted.
     */
    private static void mergePaths(String source, JsonNode paths, ObjectNode merged, Map<String, String> pathKeys,
            Set<String> operationIds, List<String> conflicts) {
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            ObjectNode item = (ObjectNode) path.getValue();
            item.remove("servers");
            for (Map.Entry<String, JsonNode> operation : item.properties()) {
                if (METHODS.contains(operation.getKey()) && operation.getValue() instanceof ObjectNode op) {
                    op.remove("servers");
                    JsonNode id = op.get("operationId");
                    if (id != null && !operationIds.add(id.asString())) {
                        String renamed = source + "." + id.asString();
                        for (int n = 2; !operationIds.add(renamed); n++) {
                            renamed = source + "." + id.asString() + n;
                        }
                        op.put("operationId", renamed);
                    }
                }
            }
            String shape = path.getKey().replaceAll("\\{[^}]*}", "{}");
            String existingKey = pathKeys.putIfAbsent(shape, path.getKey());
            if (existingKey == null) {
                merged.set(path.getKey(), item);
                continue;
            }
            ObjectNode existing = (ObjectNode) merged.get(existingKey);
            item.properties().forEach(operation -> {
                if (!existing.has(operation.getKey())) {
                    existing.set(operation.getKey(), operation.getValue());
                } else if (METHODS.contains(operation.getKey())) {
                    conflicts.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey() + " of "
                            + source + " is also described by another service; that description is kept.");
                }
            });
        }
    }

    private static List<ObjectNode> operations(JsonNode paths) {
        List<ObjectNode> operations = new ArrayList<>();
        paths.values().forEach(item -> item.properties().forEach(operation -> {
            if (METHODS.contains(operation.getKey()) && operation.getValue() instanceof ObjectNode op) {
                operations.add(op);
            }
        }));
        return operations;
    }
}
