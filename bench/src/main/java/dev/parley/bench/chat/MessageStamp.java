package dev.parley.bench.chat;

/**
 * What a bench message carries about its own sending: the phase of the run it belongs to and the
 * time it was <em>intended</em> to be sent (nanoseconds after the run's origin). Both travel in the
 * {@code clientMsgId} — echoed in the ack and in every {@code message} push, so senders and receivers
 * measure from the intended send time without any lookup — and, readable, in the body.
 *
 * <p>clientMsgId: {@code b<phase>-<number>-<intendedNanos>}, numbers in base 36, unique per run.
 */
record MessageStamp(int phase, long number, long intendedNanos) {

    String clientMsgId() {
        return "b" + Integer.toString(phase, 36) + "-" + Long.toString(number, 36) + "-"
                + Long.toString(intendedNanos, 36);
    }

    /** About {@code bytes} ASCII characters: "parley bench <phase> <intended> ....". */
    String body(int bytes) {
        StringBuilder body = new StringBuilder(bytes).append("parley bench ").append(phase).append(' ')
                .append(intendedNanos).append(' ');
        while (body.length() < bytes) {
            body.append('.');
        }
        return body.toString();
    }

    /** The stamp in a clientMsgId, or null when it is not one of ours. */
    static MessageStamp parse(String clientMsgId) {
        if (clientMsgId == null || clientMsgId.isEmpty() || clientMsgId.charAt(0) != 'b') {
            return null;
        }
        int first = clientMsgId.indexOf('-');
        int second = clientMsgId.indexOf('-', first + 1);
        if (first < 0 || second < 0) {
            return null;
        }
        try {
            return new MessageStamp(Integer.parseInt(clientMsgId, 1, first, 36),
                    Long.parseLong(clientMsgId, first + 1, second, 36),
                    Long.parseLong(clientMsgId, second + 1, clientMsgId.length(), 36));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
