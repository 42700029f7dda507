package dev.parley.gateway.ws.support;

import dev.parley.gateway.ws.metrics.GatewayMetrics;
import dev.parley.gateway.ws.protocol.FrameWriter;
import dev.parley.gateway.ws.session.ClientSession;
import dev.parley.gateway.ws.session.LimitProperties;
import dev.parley.gateway.ws.session.LoopDrains;
import dev.parley.gateway.ws.session.SessionProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;

/** Client sessions over a fake socket, for unit tests, with the default limits unless told otherwise. */
public final class Sessions {

    private Sessions() {
    }

    public static SessionProperties properties(int sendBufferBytes) {
        return new SessionProperties(Duration.ofSeconds(10), Duration.ofSeconds(25), 2, 65536, sendBufferBytes,
                Duration.ofSeconds(10), 0, 8, 65536, Duration.ofSeconds(3), Duration.ofSeconds(5));
    }

    public static LimitProperties limits() {
        return new LimitProperties(10, 20, Duration.ofSeconds(2), 500, 10, Duration.ofSeconds(2), Duration.ofSeconds(2),
                10_000, 20);
    }

    /** A session over the fake socket; its work runs on the calling thread. */
    public static ClientSession over(FakeSocket socket, int sendBufferBytes) {
        ClientSession session = new ClientSession(socket.channel, new LoopDrains(socket.channel.eventLoop()),
                Runnable::run, new FrameWriter(),
                properties(sendBufferBytes), limits(), new GatewayMetrics(new SimpleMeterRegistry()));
        socket.attach(session);
        return session;
    }
}
