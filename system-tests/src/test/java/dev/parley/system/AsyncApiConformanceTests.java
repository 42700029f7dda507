package dev.parley.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.EventCodec;
import dev.parley.events.EventHeaders;
import dev.parley.events.ParleyEvent;
import dev.parley.events.Topic;
import dev.parley.events.message.MessageCommand;
import dev.parley.events.message.MessageEvent;
import dev.parley.events.presence.PresenceEvent;
import dev.parley.events.room.RoomEvent;
import dev.parley.events.signal.SignalEvent;
import dev.parley.events.user.UserEvent;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.StringNode;

/**
 * docs/asyncapi.yaml against the code, both ways: every WebSocket frame (type, fields, their JSON types,
 * the fields always written), error code, close code, Kafka topic (name, retention) and event (name,
 * fields) the code has is in the document, and everything the document describes is in the code. The
 * code side is the wire itself where there is a writer: server frames through ws-gateway's
 * {@code FrameWriter}, events through {@link EventCodec}; client frames from ws-gateway's
 * {@code FrameReader}, which must read every field the document names (and its examples). A pure unit
 * test: ws-gateway's compiled classes are loaded from its module (system-tests does not put them on the
 * classpath; common-events comes with it). The last tests show the checker rejects documents that differ.
 */
@SuppressWarnings("unchecked")
class AsyncApiConformanceTests {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Which topic carries each family of events: each is the sealed interface of one topic. */
    private static final Map<Class<?>, Topic> TOPICS = Map.of(MessageCommand.class, Topic.MESSAGE_COMMANDS,
            MessageEvent.class, Topic.MESSAGE_EVENTS, RoomEvent.class, Topic.ROOM_EVENTS, UserEvent.class,
            Topic.USER_EVENTS, PresenceEvent.class, Topic.PRESENCE_EVENTS, SignalEvent.class, Topic.SIGNALS);

    /**
     * Close codes no Parley class names, made by the WebSocket layer: 1003 a binary frame (Spring's
     * TextWebSocketHandler), 1007 text that is not UTF-8 (the container), 1009 a frame over the limit
     * (CloseStatus.TOO_BIG_TO_PROCESS in GatewayWebSocketHandler), 1011 a ws-gateway gone without a close
     * (api-gateway's splice). ws-gateway's own are its CloseCodes.
     */
    private static final Set<Integer> WEBSOCKET_LAYER_CLOSE_CODES = Set.of(1003, 1007, 1009, 1011);

    private static final Code CODE = Code.load();

    @Test
    void theWebSocketFramesOfTheCodeAndOfTheDocumentAreTheSame() {
        assertThat(new Checker(document(), CODE).webSocketFrames()).isEmpty();
    }

    @Test
    void theErrorCodesValidatedFieldsAndCloseCodesAreTheSame() {
        assertThat(new Checker(document(), CODE).codes()).isEmpty();
    }

    @Test
    void theKafkaTopicsAndTheirEventsAreTheSame() {
        assertThat(new Checker(document(), CODE).kafka()).isEmpty();
    }

    @Test
    void everyExampleFitsItsMessageAndTheCodeReadsIt() {
        assertThat(new Checker(document(), CODE).examples()).isEmpty();
    }

    // ---- the checker rejects what differs ----

    @Test
    void aDocumentWithAFieldRemovedIsRejected() {
        Map<String, Object> document = document();
        Map<String, Object> ack = schema(document, "AckFrame");
        properties(ack).remove("seq");
        ((List<?>) ack.get("required")).remove("seq");
        properties(schema(document, "MessagePosted")).remove("origin");

        Checker checker = new Checker(document, CODE);

        assertThat(checker.webSocketFrames()).containsExactly("server frame ack: field seq is in the code, not in the document");
        assertThat(checker.kafka()).containsExactly(
                "parley.message-events.v1 MessagePosted: field origin is in the code, not in the document");
    }

    @Test
    void aDocumentWithAFrameAnEventOrACodeTheCodeDoesNotHaveIsRejected() {
        Map<String, Object> document = document();
        Map<String, Object> ping = schema(document, "PingFrame");
        ((Map<String, Object>) properties(ping).get("type")).put("const", "shout");
        properties(schema(document, "SubscribeFrame")).put("limit", Map.of("type", "integer"));
        properties(schema(document, "UserOnline")).put("device", Map.of("type", "string"));
        ((List<Object>) ((Map<String, Object>) properties(schema(document, "ErrorFrame")).get("code")).get("enum"))
                .add("banned");
        messagesOf(channel(document, "roomEvents")).put("roomArchived", Map.of("name", "RoomArchived",
                "payload", Map.of("type", "object", "properties", Map.of("roomId", Map.of("type", "string")))));
        ((Map<String, Object>) ((Map<String, Object>) channel(document, "signals").get("bindings")).get("kafka"))
                .put("topic", "parley.signal.v1");
        channel(document, "signals").put("address", "parley.signal.v1");

        Checker checker = new Checker(document, CODE);

        assertThat(checker.webSocketFrames()).contains(
                "client frame shout: in the document, not in the code",
                "client frame ping: in the code, not in the document",
                "client frame subscribe: field limit is in the document, not in the code");
        assertThat(checker.codes()).contains("error code banned: in the document, not in the code");
        assertThat(checker.kafka()).contains(
                "parley.presence-events.v1 UserOnline: field device is in the document, not in the code",
                "parley.room-events.v1 RoomArchived: in the document, not in the code",
                "topic parley.signal.v1: in the document, not in the code",
                "topic parley.signals.v1: in the code, not in the document");
    }

    @Test
    void aDocumentWithAFieldOfAnotherTypeOrNotRequiredIsRejected() {
        Map<String, Object> document = document();
        properties(schema(document, "ReadyFrame")).put("heartbeatMs", Map.of("type", "string"));
        ((List<?>) schema(document, "SubscribedFrame").get("required")).remove("headSeq");
        ((List<?>) schema(document, "ReadFrame").get("required")).remove("seq");

        assertThat(new Checker(document, CODE).webSocketFrames()).containsExactlyInAnyOrder(
                "server frame ready: field heartbeatMs is integer in the code, [string] in the document",
                "server frame subscribed: field headSeq is always written by the code, not required in the document",
                "client frame read: field seq is always needed by the code, not required in the document");
    }

    // ---- the document ----

    private static Map<String, Object> document() {
        try {
            return new Yaml().load(Files.readString(ROOT.resolve("docs/asyncapi.yaml")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> schema(Map<String, Object> document, String name) {
        return (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) document.get("components"))
                .get("schemas")).get(name);
    }

    private static Map<String, Object> properties(Map<String, Object> schema) {
        return (Map<String, Object>) schema.get("properties");
    }

    private static Map<String, Object> channel(Map<String, Object> document, String name) {
        return (Map<String, Object>) ((Map<String, Object>) document.get("channels")).get(name);
    }

    private static Map<String, Object> messagesOf(Map<String, Object> channel) {
        return (Map<String, Object>) channel.get("messages");
    }

    /** A field: its JSON type ({@code null}: any), its fields when it is an object, whether it is always there. */
    record FieldShape(String type, Map<String, FieldShape> fields, boolean always) {
    }

    /** What the code says, derived from ws-gateway's and common-events' classes. */
    record Code(Map<String, Map<String, FieldShape>> clientFrames, Map<String, Map<String, FieldShape>> serverFrames,
                Set<String> errorCodes, Set<String> validatedFields, Set<Integer> closeCodes,
                Map<String, Map<String, Map<String, FieldShape>>> topics, Map<String, Long> retentions,
                Function<String, Object> readFrame) {

        static Code load() {
            Path classes = ROOT.resolve("ws-gateway/target/classes");
            assertThat(classes.resolve("dev/parley/gateway/ws/protocol/ServerFrame.class"))
                    .as("ws-gateway's compiled classes (build ws-gateway first)").exists();
            try {
                ClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                        AsyncApiConformanceTests.class.getClassLoader());
                return new CodeSide(loader).code();
            } catch (ReflectiveOperationException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The code's side: ws-gateway's classes through reflection (another class loader), common-events' directly. */
    private static final class CodeSide {

        private final Class<?> clientFrame;
        private final Class<?> serverFrame;
        private final Class<?> errorCodeClass;
        private final Class<?> closeCodesClass;
        private final Object reader;
        private final Method read;
        private final Method typeOf;
        private final Object writer;
        private final Method write;

        CodeSide(ClassLoader loader) throws ReflectiveOperationException {
            clientFrame = loader.loadClass("dev.parley.gateway.ws.protocol.ClientFrame");
            serverFrame = loader.loadClass("dev.parley.gateway.ws.protocol.ServerFrame");
            Class<?> readerClass = loader.loadClass("dev.parley.gateway.ws.protocol.FrameReader");
            reader = readerClass.getConstructor().newInstance();
            read = readerClass.getMethod("read", String.class);
            Class<?> writerClass = loader.loadClass("dev.parley.gateway.ws.protocol.FrameWriter");
            writer = writerClass.getConstructor().newInstance();
            write = writerClass.getMethod("write", serverFrame);
            errorCodeClass = loader.loadClass("dev.parley.gateway.ws.protocol.ErrorCode");
            closeCodesClass = loader.loadClass("dev.parley.gateway.ws.protocol.CloseCodes");
            typeOf = readerClass.getMethod("typeOf", clientFrame);
        }

        Code code() throws ReflectiveOperationException, IOException {
            Map<String, Map<String, FieldShape>> clients = new LinkedHashMap<>();
            for (Class<?> type : clientFrame.getPermittedSubclasses()) {
                Map<String, FieldShape> fields = new LinkedHashMap<>();
                fields.put("type", new FieldShape("string", null, true));
                for (RecordComponent component : type.getRecordComponents()) {
                    fields.put(component.getName(), new FieldShape(jsonType(component.getType()), null,
                            component.getType().isPrimitive()));
                }
                clients.put((String) typeOf.invoke(null, instance(type, false)), fields);
            }
            Map<String, Map<String, FieldShape>> servers = new LinkedHashMap<>();
            for (Class<?> type : serverFrame.getPermittedSubclasses()) {
                JsonNode full = JSON.readTree(written(instance(type, true)));
                JsonNode bare = JSON.readTree(written(instance(type, false)));
                servers.put(full.path("type").asString(), shape(full, bare));
            }
            Set<String> errorCodes = new TreeSet<>();
            for (Object code : errorCodeClass.getEnumConstants()) {
                errorCodes.add((String) code.getClass().getMethod("wireName").invoke(code));
            }
            Set<Integer> closeCodes = new TreeSet<>(WEBSOCKET_LAYER_CLOSE_CODES);
            for (Field field : closeCodesClass.getFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == CloseStatus.class) {
                    closeCodes.add(((CloseStatus) field.get(null)).getCode());
                }
            }
            Map<String, Map<String, Map<String, FieldShape>>> topics = new LinkedHashMap<>();
            Map<String, Long> retentions = new LinkedHashMap<>();
            for (Topic topic : Topic.values()) {
                topics.put(topic.topicName(), new LinkedHashMap<>());
                retentions.put(topic.topicName(), topic.retentionMs());
            }
            EventCodec codec = new EventCodec();
            for (Map.Entry<Class<?>, Topic> family : TOPICS.entrySet()) {
                for (Class<?> type : family.getKey().getPermittedSubclasses()) {
                    ParleyEvent event = (ParleyEvent) instance(type, true);
                    topics.get(family.getValue().topicName()).put(EventCodec.eventType(event),
                            shape(JSON.readTree(codec.encode(event)), null, type));
                }
            }
            return new Code(clients, servers, errorCodes, validatedFields(clients), closeCodes, topics, retentions,
                    this::read);
        }

        /** The fields FrameReader names in validation_failed: each client field, sent as a JSON object. */
        private Set<String> validatedFields(Map<String, Map<String, FieldShape>> clients) {
            Set<String> fields = new TreeSet<>();
            clients.forEach((type, shape) -> shape.keySet().stream().filter(field -> !field.equals("type") && !field.equals("id"))
                    .forEach(field -> {
                        Map<String, Object> frame = new LinkedHashMap<>();
                        shape.forEach((name, fieldShape) -> frame.put(name, validSample(name, fieldShape.type())));
                        frame.put("type", type);
                        frame.put(field, Map.of("not", "valid"));
                        Object answer = read(JSON.writeValueAsString(frame));
                        if (answer instanceof RuntimeException rejected && invoke(invoke(rejected, "error"), "field") instanceof String name) {
                            fields.add(name);
                        }
                    }));
            return fields;
        }

        /** The ClientFrame FrameReader makes of a text frame, or the FrameRejected it throws. */
        private Object read(String text) {
            try {
                return read.invoke(reader, text);
            } catch (InvocationTargetException e) {
                return e.getCause();
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        private String written(Object frame) throws ReflectiveOperationException {
            Object outbound = write.invoke(writer, frame);
            return ((TextMessage) outbound.getClass().getMethod("message").invoke(outbound)).getPayload();
        }
    }

    private static Object invoke(Object target, String method) {
        try {
            return target.getClass().getMethod(method).invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fields of a written object; {@code bare} (written with every optional component null) tells which are always there. */
    private static Map<String, FieldShape> shape(JsonNode written, JsonNode bare) {
        return shape(written, bare, null);
    }

    /** For events, which the codec writes whole, a primitive component is what is always there. */
    private static Map<String, FieldShape> shape(JsonNode written, JsonNode bare, Class<?> record) {
        Set<String> primitives = record == null ? Set.of() : Arrays.stream(record.getRecordComponents())
                .filter(component -> component.getType().isPrimitive()).map(RecordComponent::getName)
                .collect(Collectors.toSet());
        Map<String, FieldShape> fields = new LinkedHashMap<>();
        written.properties().forEach(field -> {
            JsonNode value = field.getValue();
            boolean always = record != null ? primitives.contains(field.getKey())
                    : bare != null && bare.has(field.getKey()) && !bare.get(field.getKey()).isNull();
            fields.put(field.getKey(), new FieldShape(jsonType(value), value.isObject() ? shape(value, null, null) : null,
                    always));
        });
        return fields;
    }

    private static String jsonType(JsonNode value) {
        return value.isObject() ? "object" : value.isArray() ? "array" : value.isIntegralNumber() ? "integer"
                : value.isNumber() ? "number" : value.isBoolean() ? "boolean" : value.isString() ? "string" : null;
    }

    private static String jsonType(Class<?> type) {
        if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
            return "integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        return type == String.class || type == UUID.class || type == Instant.class ? "string" : null;
    }

    /**
     * A record with a sample for every component ({@code full}), or with only what cannot be absent
     * (primitives at their defaults, every other component null).
     */
    private static Object instance(Class<?> type, boolean full) throws ReflectiveOperationException {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = full ? sample(components[i].getType()) : defaultOf(components[i].getType());
        }
        var constructor = type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType)
                .toArray(Class<?>[]::new));
        constructor.setAccessible(true);
        return constructor.newInstance(values);
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
        throw new IllegalStateException("No sample of " + type + ": teach AsyncApiConformanceTests one");
    }

    private static Object defaultOf(Class<?> type) {
        return type == long.class ? 0L : type == int.class ? 0 : type == boolean.class ? false : null;
    }

    /** A value FrameReader accepts for a field of this JSON type. */
    private static Object validSample(String field, String type) {
        if (field.equals("roomId")) {
            return "0b6f2a52-8d3c-4a8e-9a51-0d6c1f3b9e01";
        }
        return "integer".equals(type) ? 5 : "c-1";
    }

    /** Compares one document with the code; each method answers the differences it finds, as sentences. */
    private static final class Checker {

        private final Map<String, Object> document;
        private final Code code;

        Checker(Map<String, Object> document, Code code) {
            this.document = document;
            this.code = code;
        }

        List<String> webSocketFrames() {
            List<String> differences = new ArrayList<>();
            Frames frames = frames();
            compareAll("client frame", code.clientFrames(), schemasOf(frames.client()), differences, "needed");
            compareAll("server frame", code.serverFrames(), schemasOf(frames.server()), differences, "written");
            frames.unused().forEach(name -> differences.add("ws message " + name + ": in no operation of the document"));
            return differences;
        }

        List<String> codes() {
            List<String> differences = new ArrayList<>();
            Map<String, Object> error = schemasOf(frames().server()).get("error");
            compareSets("error code", code.errorCodes(), strings(property(error, "code").get("enum")), differences);
            compareSets("validation_failed field", code.validatedFields(), strings(property(error, "field").get("enum")),
                    differences);
            Set<Integer> documented = new TreeSet<>();
            Set<Integer> reserved = new TreeSet<>();
            for (Object entry : (List<?>) channel(document, "ws").getOrDefault("x-close-codes", List.of())) {
                Map<?, ?> close = (Map<?, ?>) entry;
                (Boolean.TRUE.equals(close.get("reserved")) ? reserved : documented).add((Integer) close.get("code"));
            }
            compareSets("close code", code.closeCodes(), documented, differences);
            reserved.stream().filter(code.closeCodes()::contains).forEach(close -> differences.add(
                    "close code " + close + ": reserved in the document, but the code sends it"));
            return differences;
        }

        List<String> kafka() {
            List<String> differences = new ArrayList<>();
            Map<String, Map<String, Map<String, Object>>> topics = new LinkedHashMap<>();
            Map<String, Object> retentions = new LinkedHashMap<>();
            ((Map<String, Object>) document.get("channels")).values().forEach(value -> {
                Map<String, Object> channel = (Map<String, Object>) value;
                Map<String, Object> kafka = (Map<String, Object>) ((Map<String, Object>) channel.getOrDefault("bindings", Map.of())).get("kafka");
                if (kafka == null) {
                    return;
                }
                String topic = (String) kafka.get("topic");
                if (!topic.equals(channel.get("address"))) {
                    differences.add("topic " + topic + ": the channel's address is " + channel.get("address"));
                }
                retentions.put(topic, ((Map<String, Object>) kafka.getOrDefault("topicConfiguration", Map.of())).get("retention.ms"));
                Map<String, Map<String, Object>> events = new LinkedHashMap<>();
                messagesOf(channel).values().forEach(reference -> {
                    Map<String, Object> message = resolve(reference);
                    events.put((String) message.get("name"), resolve(message.get("payload")));
                    checkEventHeaders((String) message.get("name"), message, differences);
                });
                topics.put(topic, events);
            });
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
            Map<String, Object> components = (Map<String, Object>) document.get("components");
            ((Map<String, Object>) components.get("messages")).forEach((name, value) -> {
                Map<String, Object> message = (Map<String, Object>) value;
                Map<String, Object> schema = resolve(message.get("payload"));
                for (Object example : (List<?>) message.getOrDefault("examples", List.of())) {
                    Map<String, Object> payload = (Map<String, Object>) ((Map<?, ?>) example).get("payload");
                    Set<String> unknown = new TreeSet<>(payload.keySet());
                    unknown.removeAll(((Map<String, Object>) schema.get("properties")).keySet());
                    Set<String> missing = new TreeSet<>(strings(schema.getOrDefault("required", List.of())));
                    missing.removeAll(payload.keySet());
                    if (!unknown.isEmpty() || !missing.isEmpty()) {
                        differences.add("example of " + name + ": fields " + unknown + " not in its schema, required " + missing + " missing");
                    }
                }
            });
            schemasOf(frames().client()).forEach((type, schema) -> {
                Map<String, Object> frame = new LinkedHashMap<>();
                properties(schema).forEach((field, property) -> frame.put(field, validSample(field, types(resolve(property))
                        .contains("integer") ? "integer" : "string")));
                frame.put("type", type);
                Object read = code.readFrame().apply(JSON.writeValueAsString(frame));
                if (read instanceof Throwable refused) {
                    differences.add("client frame " + type + ": FrameReader refuses " + frame + ": " + refused.getMessage());
                } else if (read instanceof Record record) {
                    Arrays.stream(record.getClass().getRecordComponents())
                            .filter(component -> invoke(record, component.getName()) == null && frame.containsKey(component.getName()))
                            .forEach(component -> differences.add("client frame " + type + ": FrameReader does not read "
                                    + component.getName() + " from the document's field"));
                }
            });
            return differences;
        }

        private void checkEventHeaders(String event, Map<String, Object> message, List<String> differences) {
            Set<String> headers = new TreeSet<>();
            Object schemaVersion = null;
            for (Object trait : (List<?>) message.getOrDefault("traits", List.of())) {
                Map<String, Object> header = (Map<String, Object>) resolve(trait).get("headers");
                if (header != null) {
                    headers.addAll(strings(header.get("required")));
                    schemaVersion = ((Map<?, ?>) properties(header).get(EventHeaders.SCHEMA_VERSION)).get("const");
                }
            }
            if (!headers.equals(Set.of(EventHeaders.EVENT_TYPE, EventHeaders.EVENT_ID, EventHeaders.SCHEMA_VERSION))
                    || !EventHeaders.CURRENT_SCHEMA_VERSION.equals(schemaVersion)) {
                differences.add("event " + event + ": required headers " + headers + ", schemaVersion " + schemaVersion
                        + " in the document");
            }
        }

        /** The WebSocket channel's messages: those clients send, those the server sends, those in no operation. */
        private record Frames(Map<String, Object> client, Map<String, Object> server, Set<String> unused) {
        }

        private Frames frames() {
            Map<String, Object> channelMessages = messagesOf(channel(document, "ws"));
            Map<String, Object> client = new LinkedHashMap<>();
            Map<String, Object> server = new LinkedHashMap<>();
            ((Map<String, Object>) document.get("operations")).values().forEach(value -> {
                Map<String, Object> operation = (Map<String, Object>) value;
                if (!"#/channels/ws".equals(((Map<?, ?>) operation.get("channel")).get("$ref"))) {
                    return;
                }
                boolean receive = "receive".equals(operation.get("action"));
                for (Object message : (List<?>) operation.get("messages")) {
                    (receive ? client : server).put(key(message), resolve(message));
                }
                Map<String, Object> reply = (Map<String, Object>) operation.get("reply");
                if (reply != null) {
                    ((List<?>) reply.get("messages")).forEach(message -> server.put(key(message), resolve(message)));
                }
            });
            Set<String> unused = new TreeSet<>(channelMessages.keySet());
            unused.removeAll(client.keySet());
            unused.removeAll(server.keySet());
            return new Frames(client, server, unused);
        }

        private static String key(Object reference) {
            String ref = (String) ((Map<?, ?>) reference).get("$ref");
            return ref.substring(ref.lastIndexOf('/') + 1);
        }

        /** Each message's payload schema by its frame type (the payload's {@code type} const). */
        private Map<String, Map<String, Object>> schemasOf(Map<String, Object> messages) {
            Map<String, Map<String, Object>> byType = new LinkedHashMap<>();
            messages.values().forEach(value -> {
                Map<String, Object> schema = resolve(((Map<?, ?>) value).get("payload"));
                byType.put(String.valueOf(property(schema, "type").get("const")), schema);
            });
            return byType;
        }

        private void compareAll(String what, Map<String, Map<String, FieldShape>> inCode,
                Map<String, Map<String, Object>> inDocument, List<String> differences, String always) {
            compareSets(what, inCode.keySet(), inDocument.keySet(), differences);
            inCode.forEach((name, fields) -> {
                if (inDocument.containsKey(name)) {
                    compareFields(what + " " + name, fields, inDocument.get(name), differences, always);
                }
            });
        }

        private void compareFields(String where, Map<String, FieldShape> inCode, Map<String, Object> schema,
                List<String> differences, String always) {
            Map<String, Object> documented = properties(schema) == null ? Map.of() : properties(schema);
            Set<String> required = new TreeSet<>(strings(schema.getOrDefault("required", List.of())));
            inCode.keySet().stream().filter(field -> !documented.containsKey(field)).forEach(field ->
                    differences.add(where + ": field " + field + " is in the code, not in the document"));
            documented.keySet().stream().filter(field -> !inCode.containsKey(field)).forEach(field ->
                    differences.add(where + ": field " + field + " is in the document, not in the code"));
            required.stream().filter(field -> !documented.containsKey(field)).forEach(field ->
                    differences.add(where + ": required field " + field + " has no schema in the document"));
            inCode.forEach((field, shape) -> {
                if (!documented.containsKey(field)) {
                    return;
                }
                Map<String, Object> property = resolve(documented.get(field));
                Set<String> types = types(property);
                if (shape.type() != null && !types.isEmpty() && !types.contains(shape.type())
                        && !(shape.type().equals("integer") && types.contains("number"))) {
                    differences.add(where + ": field " + field + " is " + shape.type() + " in the code, " + types
                            + " in the document");
                }
                if (shape.always() && !required.contains(field)) {
                    differences.add(where + ": field " + field + " is always " + always + " by the code, not required in the document");
                }
                if (shape.fields() != null && property.containsKey("properties")) {
                    compareFields(where + "." + field, shape.fields(), property, differences, always);
                }
            });
        }

        private static void compareSets(String what, Set<?> inCode, Set<?> inDocument, List<String> differences) {
            inDocument.stream().filter(name -> !inCode.contains(name)).forEach(name ->
                    differences.add(what + " " + name + ": in the document, not in the code"));
            inCode.stream().filter(name -> !inDocument.contains(name)).forEach(name ->
                    differences.add(what + " " + name + ": in the code, not in the document"));
        }

        /** A schema's JSON types: its {@code type} (one or a list), or its {@code const}'s; empty for any. */
        private static Set<String> types(Map<String, Object> schema) {
            Object type = schema.get("type");
            if (type instanceof String one) {
                return Set.of(one);
            }
            if (type instanceof List<?> many) {
                return new TreeSet<>(strings(many));
            }
            Object constant = schema.get("const");
            return constant instanceof String ? Set.of("string") : constant instanceof Number ? Set.of("integer") : Set.of();
        }

        private Map<String, Object> property(Map<String, Object> schema, String name) {
            return resolve(properties(schema).get(name));
        }

        /** Follows {@code $ref}s within the document. */
        private Map<String, Object> resolve(Object node) {
            Map<String, Object> map = (Map<String, Object>) node;
            while (map != null && map.get("$ref") instanceof String ref) {
                Object target = document;
                for (String segment : ref.substring(2).split("/")) {
                    target = ((Map<?, ?>) target).get(segment.replace("~1", "/").replace("~0", "~"));
                }
                map = (Map<String, Object>) target;
            }
            return map;
        }

        private static Set<String> strings(Object list) {
            return list == null ? Set.of() : ((List<?>) list).stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
