package dev.parley.handoff;

/**
 * What passes over the Unix domain socket, in order, on a connection of its own for each hand-off:
 * <ol>
 *   <li>sender → receiver: a 4-byte big-endian length, then that many bytes — what the receiver takes as
 *       the first bytes read from the handed-off connection (the request the sender already read);</li>
 *   <li>receiver → sender: {@link #READY}, once it reads descriptors only;</li>
 *   <li>sender → receiver: the connection's descriptor ({@code SCM_RIGHTS});</li>
 *   <li>receiver → sender: {@link #ADOPTED}, once the receiver has taken the connection.</li>
 * </ol>
 * The descriptor waits for {@link #READY} because a descriptor that arrives while the receiver still
 * reads bytes would be read as one byte and closed by the kernel. The sender keeps its own descriptor until
 * {@link #ADOPTED}: a descriptor written is not yet a descriptor taken — one still unread when the receiver
 * closes its end (its timeout, its shutdown) is closed by the kernel, and were the sender's gone too the
 * client's connection would end with nothing said. Without {@link #ADOPTED} the connection is still the sender's.
 */
final class HandoffWire {

    /**
     * {@code 'R'} before ADOPTED was answered (ADR 0042). A different byte since, so that a sender and a receiver of the
     * two versions refuse each other — a 503 the client retries — instead of both taking the connection: a sender of
     * this version would take an earlier receiver's silence after the descriptor for "not taken", and answer the
     * client on a connection that receiver serves.
     */
    static final byte READY = 'Y';
    static final byte ADOPTED = 'A';
    static final int LENGTH_BYTES = 4;

    private HandoffWire() {
    }
}
