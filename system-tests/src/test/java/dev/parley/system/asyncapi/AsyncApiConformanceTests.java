package dev.parley.system.asyncapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * docs/asyncapi.yaml against the code, both ways: every WebSocket frame (type, fields, their JSON types,
 * the fields always written), error code, close code, Kafka topic (name, retention) and event (name,
 * fields) the code has is in the document, and everything the document describes is in the code. The
 * code side is the wire itself where there is a writer: server frames through ws-gateway's
 * {@code FrameWriter}, events through common-events' {@code EventCodec}; client frames from ws-gateway's
 * {@code FrameReader}, which must read every field the document names (and its examples). A pure unit
 * test; {@link ConformanceCheckerTests} shows the checker rejects documents that differ.
 */
class AsyncApiConformanceTests {

    private static final ConformanceChecker CHECKER = new ConformanceChecker(AsyncApiDocument.load(), CodeContract.read());

    @Test
    void theWebSocketFramesOfTheCodeAndOfTheDocumentAreTheSame() {
        assertThat(CHECKER.webSocketFrames()).as("WebSocket frames of %s", AsyncApiDocument.FILE).isEmpty();
    }

    @Test
    void theErrorCodesValidatedFieldsAndCloseCodesAreTheSame() {
        assertThat(CHECKER.codes()).as("error and close codes of %s", AsyncApiDocument.FILE).isEmpty();
    }

    @Test
    void theKafkaTopicsAndTheirEventsAreTheSame() {
        assertThat(CHECKER.kafka()).as("Kafka topics and events of %s", AsyncApiDocument.FILE).isEmpty();
    }

    @Test
    void everyExampleFitsItsMessageAndTheCodeReadsIt() {
        assertThat(CHECKER.examples()).as("examples of %s", AsyncApiDocument.FILE).isEmpty();
    }
}
