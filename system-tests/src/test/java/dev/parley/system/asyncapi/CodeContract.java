package dev.parley.system.asyncapi;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What the code says the asynchronous contract is: ws-gateway's frames and codes ({@link WsGatewayProtocol}),
 * common-events' topics and events ({@link KafkaEvents}), and FrameReader itself, to read the document's
 * client frames with.
 */
record CodeContract(Map<String, Map<String, FieldShape>> clientFrames,
                    Map<String, Map<String, FieldShape>> serverFrames, Set<String> errorCodes,
                    Set<String> validatedFields, Set<Integer> closeCodes,
                    Map<String, Map<String, Map<String, FieldShape>>> topics, Map<String, Long> retentions,
                    Function<Map<String, Object>, WsGatewayProtocol.FrameRead> readFrame) {

    static CodeContract read() {
        try {
            WsGatewayProtocol protocol = new WsGatewayProtocol(WsGatewayClasses.loader());
            Map<String, Map<String, FieldShape>> clientFrames = protocol.clientFrames();
            return new CodeContract(clientFrames, protocol.serverFrames(), protocol.errorCodes(),
                    protocol.validatedFields(clientFrames), protocol.closeCodes(), KafkaEvents.topics(),
                    KafkaEvents.retentions(), protocol::read);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
