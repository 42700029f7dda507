package dev.parley.bench.hostile;

import dev.parley.bench.measure.Latencies;
import dev.parley.bench.ws.Frame;
import dev.parley.bench.ws.WsClient;
import dev.parley.bench.ws.WsConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The legitimate user beside the attack: one connection sends to a private room at a steady rate and
 * measures send→ack; a second member's connection receives. Both must stay open, every send be acked,
 * and the receiver see exactly the sender's messages, in order, with no gap.
 */
final class LegitChat implements AutoCloseable {

    /** Phases of {@link #acks()}: while the platform warms up, and the measured rest. */
    static final int WARM_UP = 0;
    static final int MEASURED = 1;

    private final Latencies acks = new Latencies("legitimate send→ack");
    private final Map<String, Long> pending = new ConcurrentHashMap<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger acked = new AtomicInteger();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger foreign = new AtomicInteger();
    private final AtomicInteger gaps = new AtomicInteger();
    private final AtomicLong lastSeq = new AtomicLong(-1);
    private final Tally tally;
    private final String roomId;
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "legit-sender"));
    private volatile int phase = WARM_UP;
    private WsConnection writer;
    private WsConnection reader;

    LegitChat(Tally tally, String roomId) {
        this.tally = tally;
        this.roomId = roomId;
    }

    void start(WsClient ws, URI endpoint, String writerToken, String readerToken, double perSecond) throws Exception {
        reader = ws.connect(endpoint, readerToken, 0, this::onReaderFrame);
        writer = ws.connect(endpoint, writerToken, 1, this::onWriterFrame);
        reader.ready().get(20, TimeUnit.SECONDS);
        writer.ready().get(20, TimeUnit.SECONDS);
        subscribeReader();
        long period = (long) (1_000_000 / perSecond);
        sender.scheduleAtFixedRate(this::sendOne, 500_000, period, TimeUnit.MICROSECONDS);
    }

    private void subscribeReader() {
        // from the room's beginning (it is new): a subscribe tried again misses nothing sent meanwhile
        reader.send("{\"type\":\"subscribe\",\"id\":\"legit-subscribe\",\"roomId\":\"" + roomId
                + "\",\"sinceSeq\":0}");
    }

    private void sendOne() {
        String clientMsgId = "legit-" + sent.incrementAndGet();
        pending.put(clientMsgId, System.nanoTime());
        writer.send("{\"type\":\"send\",\"roomId\":\"" + roomId + "\",\"clientMsgId\":\"" + clientMsgId
                + "\",\"body\":\"hello " + clientMsgId + "\"}");
    }

    private void onWriterFrame(WsConnection connection, Frame frame, long receivedNanos) {
        if (frame.is("ack")) {
            Long sentAt = pending.remove(frame.clientMsgId());
            if (sentAt != null) {
                acked.incrementAndGet();
                acks.record(phase, (receivedNanos - sentAt) / 1_000);
            }
        } else if (frame.is("error")) {
            tally.fail("legitimate user got an error", frame.code() + " for " + frame.id());
        }
    }

    private void onReaderFrame(WsConnection connection, Frame frame, long receivedNanos) {
        if (frame.is("error") && "legit-subscribe".equals(frame.id())) {
            // internal ("try again") when a service was too slow to answer: the contract's client tries again
            tally.count("legitimate subscribe retried after " + frame.code());
            sender.schedule(this::subscribeReader, 500, TimeUnit.MILLISECONDS);
        } else if (frame.is("error")) {
            tally.fail("legitimate user got an error", "reader: " + frame.code() + " for " + frame.id());
        } else if (frame.is("subscribed")) {
            lastSeq.compareAndSet(-1, 0);
        } else if (frame.is("message")) {
            received.incrementAndGet();
            if (frame.clientMsgId() == null || !frame.clientMsgId().startsWith("legit-")) {
                foreign.incrementAndGet();
            }
            long previous = lastSeq.getAndSet(frame.seq());
            if (previous >= 0 && frame.seq() != previous + 1) {
                gaps.incrementAndGet();
            }
        }
    }

    /** Stops sending and waits (at most {@code wait}) for the acks and deliveries still under way. */
    void finish(Duration wait) throws InterruptedException {
        sender.shutdownNow();
        long deadline = System.nanoTime() + wait.toNanos();
        while ((!pending.isEmpty() || received.get() < acked.get()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    /** Acks from now on are the measured ones. */
    void measureFromNow() {
        phase = MEASURED;
    }

    Latencies acks() {
        return acks;
    }

    int sent() {
        return sent.get();
    }

    int acked() {
        return acked.get();
    }

    int received() {
        return received.get();
    }

    int foreign() {
        return foreign.get();
    }

    int gaps() {
        return gaps.get();
    }

    /** Close codes of the two connections: 0 while open. */
    String closes() {
        return "writer " + writer.closeCode() + ", reader " + reader.closeCode();
    }

    boolean bothOpen() {
        return writer.isOpen() && reader.isOpen();
    }

    @Override
    public void close() {
        sender.shutdownNow();
        if (writer != null) {
            writer.close();
        }
        if (reader != null) {
            reader.close();
        }
    }
}
