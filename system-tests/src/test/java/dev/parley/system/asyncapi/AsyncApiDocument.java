package dev.parley.system.asyncapi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.Yaml;

/**
 * docs/asyncapi.yaml as the checker reads it: the WebSocket frames by direction, the close codes, the Kafka
 * channels with their events, the examples. It knows nothing of the code. {@link #component} and
 * {@link #channel} hand out the parsed YAML itself, so a test can alter a loaded document.
 */
@SuppressWarnings("unchecked")
final class AsyncApiDocument {

    /** system-tests runs from its module directory; the document is the project's. */
    static final Path FILE = Path.of("").toAbsolutePath().resolveSibling("docs/asyncapi.yaml");

    private final Map<String, Object> root;

    private AsyncApiDocument(Map<String, Object> root) {
        this.root = root;
    }

    static AsyncApiDocument load() {
        try {
            return new AsyncApiDocument(new Yaml().load(Files.readString(FILE)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A component, e.g. {@code component("schemas", "AckFrame")}. */
    Map<String, Object> component(String section, String name) {
        return (Map<String, Object>) map(map(root, "components"), section).get(name);
    }

    Map<String, Object> schema(String name) {
        return component("schemas", name);
    }

    Map<String, Object> channel(String name) {
        return (Map<String, Object>) map(root, "channels").get(name);
    }

    /** The frames of the {@code ws} channel by direction, each message's payload keyed by its frame type. */
    record WebSocketFrames(Map<String, Schema> client, Map<String, Schema> server, Set<String> unused) {
    }

    /** Operations are described from the server's side: {@code receive} is a client frame, a reply a server one. */
    WebSocketFrames webSocketFrames() {
        Map<String, Object> client = new LinkedHashMap<>();
        Map<String, Object> server = new LinkedHashMap<>();
        map(root, "operations").values().forEach(value -> {
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
        Set<String> unused = new TreeSet<>(map(channel("ws"), "messages").keySet());
        unused.removeAll(client.keySet());
        unused.removeAll(server.keySet());
        return new WebSocketFrames(byFrameType(client), byFrameType(server), unused);
    }

    /** The {@code x-close-codes} of the ws channel that a server may send. */
    Set<Integer> closeCodes() {
        return closeCodes(false);
    }

    /** The {@code x-close-codes} marked {@code reserved}: in the contract, sent by no server yet. */
    Set<Integer> reservedCloseCodes() {
        return closeCodes(true);
    }

    private Set<Integer> closeCodes(boolean reserved) {
        Set<Integer> codes = new TreeSet<>();
        for (Object entry : (List<?>) channel("ws").getOrDefault("x-close-codes", List.of())) {
            Map<?, ?> close = (Map<?, ?>) entry;
            if (Boolean.TRUE.equals(close.get("reserved")) == reserved) {
                codes.add((Integer) close.get("code"));
            }
        }
        return codes;
    }

    /** A channel with a Kafka binding: its topic, address, {@code retention.ms} (null when absent) and events. */
    record KafkaChannel(String topic, Object address, Object retentionMs, List<Event> events) {
    }

    /** An event: its name, payload, the headers its traits require and the consts of their headers. */
    record Event(String name, Schema payload, Set<String> requiredHeaders, Map<String, Object> headerConstants) {
    }

    List<KafkaChannel> kafkaChannels() {
        List<KafkaChannel> channels = new ArrayList<>();
        map(root, "channels").values().forEach(value -> {
            Map<String, Object> channel = (Map<String, Object>) value;
            Map<String, Object> bindings = (Map<String, Object>) channel.getOrDefault("bindings", Map.of());
            Map<String, Object> kafka = (Map<String, Object>) bindings.get("kafka");
            if (kafka == null) {
                return;
            }
            Object retention = ((Map<String, Object>) kafka.getOrDefault("topicConfiguration", Map.of())).get("retention.ms");
            List<Event> events = new ArrayList<>();
            map(channel, "messages").values().forEach(reference -> events.add(event(resolve(reference))));
            channels.add(new KafkaChannel((String) kafka.get("topic"), channel.get("address"), retention, events));
        });
        return channels;
    }

    private Event event(Map<String, Object> message) {
        Set<String> headers = new TreeSet<>();
        Map<String, Object> constants = new LinkedHashMap<>();
        for (Object trait : (List<?>) message.getOrDefault("traits", List.of())) {
            Map<String, Object> header = (Map<String, Object>) resolve(trait).get("headers");
            if (header != null) {
                headers.addAll(Schema.strings(header.get("required")));
                map(header, "properties").forEach((name, property) -> constants.put(name, schemaOf(property).constant()));
            }
        }
        return new Event((String) message.get("name"), schemaOf(message.get("payload")), headers, constants);
    }

    /** An example of a component message, with that message's payload schema. */
    record Example(String message, Schema schema, Map<String, Object> payload) {
    }

    List<Example> examples() {
        List<Example> examples = new ArrayList<>();
        map(map(root, "components"), "messages").forEach((name, value) -> {
            Map<String, Object> message = (Map<String, Object>) value;
            for (Object example : (List<?>) message.getOrDefault("examples", List.of())) {
                examples.add(new Example(name, schemaOf(message.get("payload")),
                        (Map<String, Object>) ((Map<?, ?>) example).get("payload")));
            }
        });
        return examples;
    }

    /** A schema node, its {@code $ref} followed. */
    Schema schemaOf(Object node) {
        return new Schema(resolve(node), this);
    }

    /** Follows {@code $ref}s within the document. */
    private Map<String, Object> resolve(Object node) {
        Map<String, Object> map = (Map<String, Object>) node;
        while (map != null && map.get("$ref") instanceof String ref) {
            Object target = root;
            for (String segment : ref.substring(2).split("/")) {
                target = ((Map<?, ?>) target).get(segment.replace("~1", "/").replace("~0", "~"));
            }
            map = (Map<String, Object>) target;
        }
        return map;
    }

    /** Each message's payload schema by its frame type (the payload's {@code type} const). */
    private Map<String, Schema> byFrameType(Map<String, Object> messages) {
        Map<String, Schema> byType = new LinkedHashMap<>();
        messages.values().forEach(message -> {
            Schema payload = schemaOf(((Map<?, ?>) message).get("payload"));
            byType.put(String.valueOf(payload.property("type").constant()), payload);
        });
        return byType;
    }

    private static String key(Object reference) {
        String ref = (String) ((Map<?, ?>) reference).get("$ref");
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    private static Map<String, Object> map(Map<String, Object> node, String key) {
        return (Map<String, Object>) node.get(key);
    }
}
