package dev.parley.system.asyncapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checker rejects a document that differs from the code: each test alters the real one and reads the sentences. */
@SuppressWarnings("unchecked")
class ConformanceCheckerTests {

    private static final CodeContract CODE = CodeContract.read();

    private final AsyncApiDocument document = AsyncApiDocument.load();

    @Test
    void aDocumentWithAFieldRemovedIsRejected() {
        Map<String, Object> ack = document.schema("AckFrame");
        properties(ack).remove("seq");
        required(ack).remove("seq");
        properties(document.schema("MessagePosted")).remove("origin");

        ConformanceChecker checker = checker();

        assertThat(checker.webSocketFrames())
                .containsExactly("server frame ack: field seq is in the code, not in the document");
        assertThat(checker.kafka()).containsExactly(
                "parley.message-events.v1 MessagePosted: field origin is in the code, not in the document");
    }

    @Test
    void aDocumentWithAFrameAnEventOrACodeTheCodeDoesNotHaveIsRejected() {
        property(document.schema("PingFrame"), "type").put("const", "shout");
        properties(document.schema("SubscribeFrame")).put("limit", Map.of("type", "integer"));
        properties(document.schema("UserOnline")).put("device", Map.of("type", "string"));
        ((List<Object>) property(document.schema("ErrorFrame"), "code").get("enum")).add("banned");
        messagesOf(document.channel("roomEvents")).put("roomArchived", Map.of("name", "RoomArchived",
                "payload", Map.of("type", "object", "properties", Map.of("roomId", Map.of("type", "string")))));
        kafkaBinding(document.channel("signals")).put("topic", "parley.signal.v1");
        document.channel("signals").put("address", "parley.signal.v1");

        ConformanceChecker checker = checker();

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
        properties(document.schema("ReadyFrame")).put("heartbeatMs", Map.of("type", "string"));
        required(document.schema("SubscribedFrame")).remove("headSeq");
        required(document.schema("ReadFrame")).remove("seq");

        assertThat(checker().webSocketFrames()).containsExactlyInAnyOrder(
                "server frame ready: field heartbeatMs is integer in the code, [string] in the document",
                "server frame subscribed: field headSeq is always written by the code, not required in the document",
                "client frame read: field seq is always needed by the code, not required in the document");
    }

    @Test
    void aDocumentWithACloseCodeOrValidatedFieldOtherThanTheCodesIsRejected() {
        List<Map<String, Object>> closeCodes = (List<Map<String, Object>>) document.channel("ws").get("x-close-codes");
        closeCodes.removeIf(close -> close.get("code").equals(4009));
        closeCodes.stream().filter(close -> close.get("code").equals(1012)).forEach(close -> close.put("reserved", true));
        closeCodes.add(Map.of("code", 4010, "reason", "muted"));
        ((List<Object>) property(document.schema("ErrorFrame"), "field").get("enum")).add("token");

        assertThat(checker().codes()).containsExactlyInAnyOrder(
                "validation_failed field token: in the document, not in the code",
                "close code 4010: in the document, not in the code",
                "close code 1012: in the code, not in the document",
                "close code 4009: in the code, not in the document",
                "close code 1012: reserved in the document, but the code sends it");
    }

    @Test
    void aTopicWithAnotherAddressRetentionOrEventHeadersIsRejected() {
        document.channel("messageEvents").put("address", "parley.messages.v1");
        ((Map<String, Object>) kafkaBinding(document.channel("roomEvents")).get("topicConfiguration"))
                .put("retention.ms", 1000);
        document.component("messages", "MessagePosted").remove("traits");

        assertThat(checker().kafka()).containsExactlyInAnyOrder(
                "topic parley.message-events.v1: the channel's address is parley.messages.v1",
                "event MessagePosted: required headers [], schemaVersion null in the document",
                "topic parley.room-events.v1: retention.ms -1 in the code, 1000 in the document");
    }

    @Test
    void anExampleOtherThanItsSchemaOrThatFrameReaderRefusesIsRejected() {
        Map<String, Object> send = (Map<String, Object>) ((List<Map<String, Object>>) document
                .component("messages", "Send").get("examples")).get(0).get("payload");
        send.put("priority", "high");
        send.remove("clientMsgId");
        properties(document.schema("SubscribeFrame")).put("sinceSeq", Map.of("type", "string"));

        assertThat(checker().examples()).satisfiesExactlyInAnyOrder(
                difference -> assertThat(difference)
                        .isEqualTo("example of Send: fields [priority] not in its schema, required [clientMsgId] missing"),
                difference -> assertThat(difference).startsWith("client frame subscribe: FrameReader refuses {")
                        .contains("sinceSeq=c-1"));
    }

    @Test
    void aWebSocketMessageInNoOperationIsRejected() {
        messagesOf(document.channel("ws")).put("whisper", Map.of("$ref", "#/components/messages/Ping"));

        assertThat(checker().webSocketFrames()).containsExactly("ws message whisper: in no operation of the document");
    }

    private ConformanceChecker checker() {
        return new ConformanceChecker(document, CODE);
    }

    private static Map<String, Object> properties(Map<String, Object> schema) {
        return (Map<String, Object>) schema.get("properties");
    }

    private static Map<String, Object> property(Map<String, Object> schema, String name) {
        return (Map<String, Object>) properties(schema).get(name);
    }

    private static List<Object> required(Map<String, Object> schema) {
        return (List<Object>) schema.get("required");
    }

    private static Map<String, Object> kafkaBinding(Map<String, Object> channel) {
        return (Map<String, Object>) ((Map<String, Object>) channel.get("bindings")).get("kafka");
    }

    private static Map<String, Object> messagesOf(Map<String, Object> channel) {
        return (Map<String, Object>) channel.get("messages");
    }
}
