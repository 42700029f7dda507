package dev.parley.gateway.ws.session;

/**
 * Reassembles one text frame that the container hands over in parts (it reads through a small
 * buffer, so that tens of thousands of idle connections do not each hold a frame-sized one), and
 * enforces the contract's limit on raw frame bytes. Used only by the connection's reading thread.
 */
public final class InboundFrame {

    private final int maxBytes;
    private final StringBuilder parts = new StringBuilder();
    private long bytes;

    InboundFrame(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The outcome of one part: still incomplete, a whole frame, or over the limit. */
    public sealed interface Outcome {
    }

    public record Incomplete() implements Outcome {
    }

    public record Complete(String payload) implements Outcome {
    }

    public record TooLarge() implements Outcome {
    }

    public Outcome append(String part, boolean last) {
        bytes += utf8Length(part);
        if (bytes > maxBytes) {
            reset();
            return new TooLarge();
        }
        if (last && parts.isEmpty()) {
            bytes = 0;
            return new Complete(part); // the common case: the frame came in one part
        }
        parts.append(part);
        if (!last) {
            return new Incomplete();
        }
        String payload = parts.toString();
        reset();
        return new Complete(payload);
    }

    private void reset() {
        parts.setLength(0);
        parts.trimToSize();
        bytes = 0;
    }

    /** Counts each half of a surrogate pair as 2 bytes, so a part boundary inside a pair is exact too. */
    static long utf8Length(CharSequence text) {
        long length = text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                length += c < 0x800 || Character.isSurrogate(c) ? 1 : 2;
            }
        }
        return length;
    }
}
