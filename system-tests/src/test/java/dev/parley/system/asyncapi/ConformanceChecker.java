package dev.parley.system.asyncapi;

import dev.parley.events.EventHeaders;
import dev.parley.system.asyncapi.AsyncApiDocument.Event;
import dev.parley.system.asyncapi.AsyncApiDocument.Example;
import dev.parley.system.asyncapi.AsyncApiDocument.KafkaChannel;
import dev.parley.system.asyncapi.AsyncApiDocument.WebSocketFrames;
import dev.parley.system.asyncapi.WsGatewayProtocol.FrameRead;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Compares one AsyncAPI document with the code; each method answers the differences it finds, as sentences. */
final class ConformanceChecker {

    private final AsyncApiDocument document;
    private final CodeContract code;

    ConformanceChecker(AsyncApiDocument document, CodeContract code) {
        this.document = document;
        this.code = code;
    }

    List<String> webSocketFrames() {
        List<String> differences = new ArrayList<>();
        WebSocketFrames frames = document.webSocketFrames();
        compareAll("client frame", code.clientFrames(), frames.client(), differences, "needed");
        compareAll("server frame", code.serverFrames(), frames.server(), differences, "written");
        frames.unused().forEach(name -> differences.add("ws message " + name + ": in no operation of the document"));
        return differences;
    }

    List<String> codes() {
        List<String> differences = new ArrayList<>();
        Schema error = document.webSocketFrames().server().get("error");
        compareSets("error code", code.errorCodes(), error.property("code").enumValues(), differences);
        compareSets("validation_failed field", code.validatedFields(), error.property("field").enumValues(),
                differences);
        compareSets("close code", code.closeCodes(), document.closeCodes(), differences);
        document.reservedCloseCodes().stream().filter(code.closeCodes()::contains).forEach(close -> differences.add(
                "close code " + close + ": reserved in the document, but the code sends it"));
        return differences;
    }

    List<String> kafka() {
        List<String> differences = new ArrayList<>();
        Map<String, Map<String, Schema>> topics = new LinkedHashMap<>();
        Map<String, Object> retentions = new LinkedHashMap<>();
        for (KafkaChannel channel : document.kafkaChannels()) {
            if (!channel.topic().equals(channel.address())) {
                differences.add("topic " + channel.topic() + ": the channel's address is " + channel.address());
            }
            retentions.put(channel.topic(), channel.retentionMs());
            Map<String, Schema> events = new LinkedHashMap<>();
            for (Event event : channel.events()) {
                events.put(event.name(), event.payload());
                checkHeaders(event, differences);
            }
            topics.put(channel.topic(), events);
        }
        compareSets("topic", code.topics().keySet(), topics.keySet(), differences);
        code.topics().forEach((topic, events) -> {
            if (topics.containsKey(topic)) {
                compareAll(topic, events, topics.get(topic), differences, "written");
                Object retention = retentions.get(topic);
                if (retention == null || ((Number) retention).longValue() != code.retentions().get(topic)) {
                    differences.add("topic " + topic + ": retention.ms " + code.retentions().get(topic)
                            + " in the code, " + retention + " in the document");
                }
            }
        });
        return differences;
    }

    /** Examples carry only their schema's fields, every required one; FrameReader reads the client frames'. */
    List<String> examples() {
        List<String> differences = new ArrayList<>();
        for (Example example : document.examples()) {
            Set<String> unknown = new TreeSet<>(example.payload().keySet());
            unknown.removeAll(example.schema().propertyNames());
            Set<String> missing = new TreeSet<>(example.schema().required());
            missing.removeAll(example.payload().keySet());
            if (!unknown.isEmpty() || !missing.isEmpty()) {
                differences.add("example of " + example.message() + ": fields " + unknown + " not in its schema, required "
                        + missing + " missing");
            }
        }
        document.webSocketFrames().client().forEach((type, schema) -> {
            Map<String, Object> frame = new LinkedHashMap<>();
            schema.propertyNames().forEach(field -> frame.put(field, Samples.validValue(field,
                    schema.property(field).types().contains("integer") ? "integer"
                            : schema.property(field).types().contains("array") ? "array" : "string")));
            frame.put("type", type);
            FrameRead read = code.readFrame().apply(frame);
            if (read.refused() != null) {
                differences.add("client frame " + type + ": FrameReader refuses " + frame + ": "
                        + read.refused().getMessage());
            } else {
                read.components().forEach((component, value) -> {
                    if (value == null && frame.containsKey(component)) {
                        differences.add("client frame " + type + ": FrameReader does not read " + component
                                + " from the document's field");
                    }
                });
            }
        });
        return differences;
    }

    private static void checkHeaders(Event event, List<String> differences) {
        Object schemaVersion = event.headerConstants().get(EventHeaders.SCHEMA_VERSION);
        Set<String> required = Set.of(EventHeaders.EVENT_TYPE, EventHeaders.EVENT_ID, EventHeaders.SCHEMA_VERSION);
        if (!event.requiredHeaders().equals(required)
                || !EventHeaders.CURRENT_SCHEMA_VERSION.equals(schemaVersion)) {
            differences.add("event " + event.name() + ": required headers " + event.requiredHeaders() + ", schemaVersion "
                    + schemaVersion + " in the document");
        }
    }

    /**
     * Frames or events of the code against the document's schemas of them, by name. {@code always} says what
     * the code does with a field it always has ("written", "needed"), for a field the document does not require.
     */
    private static void compareAll(String what, Map<String, Map<String, FieldShape>> inCode, Map<String, Schema> inDocument,
            List<String> differences, String always) {
        compareSets(what, inCode.keySet(), inDocument.keySet(), differences);
        inCode.forEach((name, fields) -> {
            if (inDocument.containsKey(name)) {
                compareFields(what + " " + name, fields, inDocument.get(name), differences, always);
            }
        });
    }

    private static void compareSets(String what, Set<?> inCode, Set<?> inDocument, List<String> differences) {
        inDocument.stream().filter(name -> !inCode.contains(name)).forEach(name ->
                differences.add(what + " " + name + ": in the document, not in the code"));
        inCode.stream().filter(name -> !inDocument.contains(name)).forEach(name ->
                differences.add(what + " " + name + ": in the code, not in the document"));
    }

    private static void compareFields(String where, Map<String, FieldShape> inCode, Schema schema,
            List<String> differences, String always) {
        Set<String> documented = schema.propertyNames();
        Set<String> required = schema.required();
        inCode.keySet().stream().filter(field -> !documented.contains(field)).forEach(field ->
                differences.add(where + ": field " + field + " is in the code, not in the document"));
        documented.stream().filter(field -> !inCode.containsKey(field)).forEach(field ->
                differences.add(where + ": field " + field + " is in the document, not in the code"));
        required.stream().filter(field -> !documented.contains(field)).forEach(field ->
                differences.add(where + ": required field " + field + " has no schema in the document"));
        inCode.forEach((field, shape) -> {
            if (!documented.contains(field)) {
                return;
            }
            Schema property = schema.property(field);
            Set<String> types = property.types();
            if (shape.type() != null && !types.isEmpty() && !types.contains(shape.type())
                    && !(shape.type().equals("integer") && types.contains("number"))) {
                differences.add(where + ": field " + field + " is " + shape.type() + " in the code, " + types
                        + " in the document");
            }
            if (shape.always() && !required.contains(field)) {
                differences.add(where + ": field " + field + " is always " + always
                        + " by the code, not required in the document");
            }
            if (shape.fields() != null && property.hasProperties()) {
                compareFields(where + "." + field, shape.fields(), property, differences, always);
            }
        });
    }
}
