package dev.parley.gateway.ws.session;

import dev.parley.gateway.ws.protocol.CloseCodes;
import dev.parley.gateway.ws.protocol.FrameWriter;
import dev.parley.gateway.ws.protocol.ServerFrame;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.SessionLimitExceededException;
import tools.jackson.databind.JsonNode;

/**
 * One client connection. Frames are sent through a {@link ConcurrentWebSocketSessionDecorator}
 * because pushes come from Kafka listener threads while answers come from the connection's own
 * thread; a client that does not keep up is closed with 4009 instead of buffering without bound.
 */
public final class ClientSession {

    private static final Logger log = LoggerFactory.getLogger(ClientSession.class);
    private static final int MAX_REMEMBERED_SEND_IDS = 1000;

    private final String id = UUID.randomUUID().toString();
    private final ConcurrentWebSocketSessionDecorator socket;
    private final FrameWriter writer;
    private final Map<PendingSend, JsonNode> sendIds = new ConcurrentHashMap<>();
    private final AtomicReference<ScheduledFuture<?>> timer = new AtomicReference<>();
    private volatile AuthenticatedUser user;

    public ClientSession(ConcurrentWebSocketSessionDecorator socket, FrameWriter writer) {
        this.socket = socket;
        this.writer = writer;
    }

    /** The contract's {@code sessionId}; also the {@code origin.sessionId} of its commands. */
    public String id() {
        return id;
    }

    public boolean isReady() {
        return user != null;
    }

    public AuthenticatedUser user() {
        return user;
    }

    public void authenticate(AuthenticatedUser user) {
        this.user = user;
    }

    public boolean isOpen() {
        return socket.isOpen();
    }

    public void send(ServerFrame frame) {
        send(writer.write(frame));
    }

    public void send(TextMessage message) {
        try {
            socket.sendMessage(message);
        } catch (SessionLimitExceededException e) {
            closeAsSlowConsumer(e.getMessage());
        } catch (IOException | IllegalStateException e) {
            log.debug("Could not send to session {}: {}", id, e.getMessage());
        }
    }

    public void close(CloseStatus status) {
        cancelTimer();
        try {
            socket.close(status);
        } catch (IOException | IllegalStateException e) {
            log.debug("Could not close session {}: {}", id, e.getMessage());
        }
    }

    /**
     * The decorator would turn any later close into its own 4500, so 4009 goes to the raw session,
     * off the calling thread: that may be a Kafka listener, and the blocked write may hold the socket.
     */
    public void closeAsSlowConsumer(String reason) {
        log.info("Closing slow session {}: {}", id, reason);
        cancelTimer();
        Thread.startVirtualThread(() -> {
            try {
                socket.getDelegate().close(CloseCodes.SLOW_CONSUMER);
            } catch (IOException | IllegalStateException e) {
                log.debug("Could not close slow session {}: {}", id, e.getMessage());
            }
        });
    }

    /** Holds the one pending timer of the session (auth deadline, then token expiry). */
    public void replaceTimer(ScheduledFuture<?> next) {
        ScheduledFuture<?> previous = timer.getAndSet(next);
        if (previous != null) {
            previous.cancel(false);
        }
    }

    public void cancelTimer() {
        replaceTimer(null);
    }

    /** Remembers the {@code id} of a {@code send} frame so its ack or error can echo it. */
    public void rememberSendId(UUID roomId, String clientMsgId, JsonNode frameId) {
        if (frameId != null && sendIds.size() < MAX_REMEMBERED_SEND_IDS) {
            sendIds.put(new PendingSend(roomId, clientMsgId), frameId);
        }
    }

    public JsonNode takeSendId(UUID roomId, String clientMsgId) {
        return roomId == null || clientMsgId == null ? null : sendIds.remove(new PendingSend(roomId, clientMsgId));
    }

    @Override
    public String toString() {
        return "ClientSession[" + id + "]";
    }

    private record PendingSend(UUID roomId, String clientMsgId) {
    }
}
