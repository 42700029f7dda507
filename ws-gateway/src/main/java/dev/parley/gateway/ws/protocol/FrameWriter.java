package dev.parley.gateway.ws.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serializes server frames. The wire format is the contract, so it has its own mapper rather than
 * following the application's JSON settings. A push is written once and the same
 * {@link OutboundFrame} goes to every subscriber.
 *
 * <p>Frames are written as UTF-8 bytes: the byte generator escapes what UTF-8 cannot carry (an
 * unpaired surrogate a client put in its {@code id}) instead of handing the socket a string it
 * cannot encode.
 */
@Component
public class FrameWriter {

    private static final ClassValue<String> TYPES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            JsonTypeName name = type.getAnnotation(JsonTypeName.class);
            return name == null ? type.getSimpleName() : name.value();
        }
    };

    private final ObjectWriter writer = JsonMapper.builder().build().writerFor(ServerFrame.class);

    public OutboundFrame write(ServerFrame frame) {
        return OutboundFrame.of(TYPES.get(frame.getClass()), writer.writeValueAsBytes(frame));
    }
}
