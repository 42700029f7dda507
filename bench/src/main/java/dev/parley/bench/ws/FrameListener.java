package dev.parley.bench.ws;

/** What a workload does with a connection's frames. Called on the connection's event-loop thread. */
public interface FrameListener {

    /** @param receivedNanos {@link System#nanoTime()} when the frame was read off the socket */
    void onFrame(WsConnection connection, Frame frame, long receivedNanos);

    /** The connection closed: by the server (its close code), or for another reason (code -1). */
    default void onClosed(WsConnection connection, int code, String reason) {
    }

    FrameListener IGNORE = (connection, frame, receivedNanos) -> { };
}
