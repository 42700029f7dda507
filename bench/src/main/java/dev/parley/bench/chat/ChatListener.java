package dev.parley.bench.chat;

import dev.parley.bench.measure.Latencies;
import dev.parley.bench.ws.Frame;
import dev.parley.bench.ws.FrameListener;
import dev.parley.bench.ws.WsConnection;

/**
 * What every chat connection does with what it receives: a {@code message} is checked into its
 * subscription's log and its send→delivery latency recorded; an {@code ack} settles the send and
 * records send→ack; errors and unexpected closes go to the books.
 */
final class ChatListener implements FrameListener {

    private final DeliveryLedger ledger;
    private final Latencies deliveries;
    private final Latencies acks;
    private final long originNanos;

    ChatListener(DeliveryLedger ledger, Latencies deliveries, Latencies acks, long originNanos) {
        this.ledger = ledger;
        this.deliveries = deliveries;
        this.acks = acks;
        this.originNanos = originNanos;
    }

    @Override
    public void onFrame(WsConnection connection, Frame frame, long receivedNanos) {
        ChatMember member = connection.attachment();
        if (member == null || frame.type() == null) {
            return;
        }
        switch (frame.type()) {
            case "message" -> {
                MessageStamp stamp = MessageStamp.parse(frame.clientMsgId());
                if (member.log().record(frame.seq())) {
                    ledger.delivered();
                    if (stamp != null) {
                        deliveries.record(stamp.phase(), (receivedNanos - originNanos - stamp.intendedNanos()) / 1000);
                    }
                }
            }
            case "ack" -> {
                DeliveryLedger.Pending send = ledger.acked(frame.clientMsgId(), frame.seq());
                if (send != null) {
                    acks.record(send.phase(), (receivedNanos - originNanos - send.intendedNanos()) / 1000);
                }
            }
            case "subscribed" -> {
                member.log().subscribed(frame.headSeq());
                member.subscribed().complete(frame.headSeq());
            }
            case "error" -> {
                if (frame.id() != null && frame.id().startsWith("s") && !member.subscribed().isDone()) {
                    // the set-up's answer, retried or failed by ChatRun: not an error of the measured run
                    member.subscribed().completeExceptionally(new SubscribeRefused(frame.code()));
                } else {
                    ledger.error(frame.code(), frame.id());
                }
            }
            default -> ledger.otherPush(); // presence, member_joined, …: not what a chat run measures
        }
    }

    @Override
    public void onClosed(WsConnection connection, int code, String reason) {
        if (!connection.closedByUs()) {
            ChatMember member = connection.attachment();
            if (member != null) {
                member.log().broken();
                member.subscribed().completeExceptionally(new IllegalStateException("closed: " + code + " " + reason));
            }
            ledger.closed(code);
        }
    }

    /** The gateway answered a subscribe with an {@code error} frame of this code. */
    static final class SubscribeRefused extends IllegalStateException {

        private final String code;

        SubscribeRefused(String code) {
            super("subscribe refused: " + code);
            this.code = String.valueOf(code);
        }

        String code() {
            return code;
        }
    }
}
