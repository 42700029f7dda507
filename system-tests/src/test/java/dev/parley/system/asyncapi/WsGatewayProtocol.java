package dev.parley.system.asyncapi;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ws-gateway's WebSocket protocol as its own classes have it, through reflection (they come from another
 * class loader, {@link WsGatewayClasses}): client frames as {@code FrameReader} reads them, server frames as
 * {@code FrameWriter} writes them, the {@code ErrorCode}s of error frames (common-events) and {@code CloseCodes}.
 */
final class WsGatewayProtocol {

    /**
     * Close codes of the WebSocket layer, not of CloseCodes: 1003 a binary frame and 1009 a frame over the limit
     * (ConnectionHandler, with CloseStatus's standard codes), 1002 a broken frame and 1007 text that is not UTF-8
     * (Netty's decoder), 1011 a ws-gateway gone without a close (api-gateway's splice). ws-gateway's own are its
     * CloseCodes.
     */
    private static final Set<Integer> WEBSOCKET_LAYER_CLOSE_CODES = Set.of(1002, 1003, 1007, 1009, 1011);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What FrameReader made of a text frame: the components of the ClientFrame, or what it threw. */
    record FrameRead(Map<String, Object> components, Throwable refused) {
    }

    private final Class<?> clientFrame;
    private final Class<?> serverFrame;
    private final Class<?> errorCode;
    private final Class<?> closeCodes;
    private final Object reader;
    private final Method read;
    private final Method typeOf;
    private final Object writer;
    private final Method write;

    WsGatewayProtocol(ClassLoader loader) throws ReflectiveOperationException {
        clientFrame = loader.loadClass("dev.parley.gateway.ws.protocol.ClientFrame");
        serverFrame = loader.loadClass("dev.parley.gateway.ws.protocol.ServerFrame");
        errorCode = loader.loadClass("dev.parley.events.ErrorCode");
        closeCodes = loader.loadClass("dev.parley.gateway.ws.protocol.CloseCodes");
        Class<?> readerClass = loader.loadClass("dev.parley.gateway.ws.protocol.FrameReader");
        reader = readerClass.getConstructor().newInstance();
        read = readerClass.getMethod("read", String.class);
        typeOf = readerClass.getMethod("typeOf", clientFrame);
        Class<?> writerClass = loader.loadClass("dev.parley.gateway.ws.protocol.FrameWriter");
        writer = writerClass.getConstructor().newInstance();
        write = writerClass.getMethod("write", serverFrame);
    }

    /** Each client frame type's fields: {@code type} and its record's components, a primitive one always needed. */
    Map<String, Map<String, FieldShape>> clientFrames() throws ReflectiveOperationException {
        Map<String, Map<String, FieldShape>> frames = new LinkedHashMap<>();
        for (Class<?> type : clientFrame.getPermittedSubclasses()) {
            Map<String, FieldShape> fields = new LinkedHashMap<>();
            fields.put("type", new FieldShape("string", null, true));
            for (RecordComponent component : type.getRecordComponents()) {
                fields.put(component.getName(), new FieldShape(FieldShape.jsonType(component.getType()), null,
                        component.getType().isPrimitive()));
            }
            frames.put((String) typeOf.invoke(null, Samples.instance(type, false)), fields);
        }
        return frames;
    }

    /** Each server frame type's fields as FrameWriter writes them, full and bare. */
    Map<String, Map<String, FieldShape>> serverFrames() throws ReflectiveOperationException {
        Map<String, Map<String, FieldShape>> frames = new LinkedHashMap<>();
        for (Class<?> type : serverFrame.getPermittedSubclasses()) {
            JsonNode full = JSON.readTree(written(Samples.instance(type, true)));
            JsonNode bare = JSON.readTree(written(Samples.instance(type, false)));
            frames.put(full.path("type").asString(), FieldShape.ofWritten(full, bare));
        }
        return frames;
    }

    Set<String> errorCodes() throws ReflectiveOperationException {
        Set<String> codes = new TreeSet<>();
        for (Object code : (Set<?>) errorCode.getMethod("ofErrorFrames").invoke(null)) {
            codes.add((String) code.getClass().getMethod("wireName").invoke(code));
        }
        return codes;
    }

    /** CloseCodes' and the WebSocket layer's. */
    Set<Integer> closeCodes() throws IllegalAccessException {
        Set<Integer> codes = new TreeSet<>(WEBSOCKET_LAYER_CLOSE_CODES);
        for (Field field : closeCodes.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType().getSimpleName().equals("CloseStatus")) {
                codes.add((Integer) invoke(field.get(null), "code"));
            }
        }
        return codes;
    }

    /** The fields FrameReader names in validation_failed: each client field, sent as a JSON object. */
    Set<String> validatedFields(Map<String, Map<String, FieldShape>> clientFrames) {
        Set<String> fields = new TreeSet<>();
        clientFrames.forEach((type, shape) -> shape.keySet().stream()
                .filter(field -> !field.equals("type") && !field.equals("id")).forEach(field -> {
                    Map<String, Object> frame = new LinkedHashMap<>();
                    shape.forEach((name, fieldShape) -> frame.put(name, Samples.validValue(name, fieldShape.type())));
                    frame.put("type", type);
                    frame.put(field, Map.of("not", "valid"));
                    if (read(frame).refused() instanceof RuntimeException rejected
                            && invoke(invoke(rejected, "error"), "field") instanceof String name) {
                        fields.add(name);
                    }
                }));
        return fields;
    }

    /** FrameReader's answer to this frame as JSON text. */
    FrameRead read(Map<String, Object> frame) {
        Object answer;
        try {
            answer = read.invoke(reader, JSON.writeValueAsString(frame));
        } catch (InvocationTargetException e) {
            return new FrameRead(null, e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> components = new LinkedHashMap<>();
        for (RecordComponent component : answer.getClass().getRecordComponents()) {
            components.put(component.getName(), invoke(answer, component.getName()));
        }
        return new FrameRead(components, null);
    }

    private String written(Object frame) throws ReflectiveOperationException {
        Object outbound = write.invoke(writer, frame);
        return (String) outbound.getClass().getMethod("text").invoke(outbound);
    }

    private static Object invoke(Object target, String method) {
        try {
            return target.getClass().getMethod(method).invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
