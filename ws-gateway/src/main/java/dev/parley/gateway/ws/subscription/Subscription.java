package dev.parley.gateway.ws.subscription;

import dev.parley.gateway.ws.session.ClientSession;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.web.socket.TextMessage;

/**
 * One session's subscription to one room, and the guard of "no gap, no duplicate": it remembers the
 * last seq it delivered and drops anything at or below it. While the subscription is being opened
 * (head lookup, backfill) live messages are held back, then released in seq order.
 */
public final class Subscription {

    private final ClientSession session;
    private final UUID roomId;
    private final int maxHeldBack;
    private final ReentrantLock lock = new ReentrantLock();
    private long lastDeliveredSeq;
    private List<Held> heldBack = new ArrayList<>();
    private boolean abandoned;

    Subscription(ClientSession session, UUID roomId, long lastDeliveredSeq, int maxHeldBack) {
        this.session = session;
        this.roomId = roomId;
        this.lastDeliveredSeq = lastDeliveredSeq;
        this.maxHeldBack = maxHeldBack;
    }

    public ClientSession session() {
        return session;
    }

    public UUID roomId() {
        return roomId;
    }

    /** A live message from the fan-out: held back while opening, else delivered unless already seen. */
    public void deliverLive(long seq, TextMessage push) {
        lock.lock();
        try {
            if (abandoned) {
                return;
            }
            if (heldBack == null) {
                deliverIfNew(seq, push);
            } else if (heldBack.size() < maxHeldBack) {
                heldBack.add(new Held(seq, push));
            } else {
                // The client cannot be brought up to date in order; it resumes with sinceSeq.
                abandoned = true;
                heldBack.clear();
                session.closeAsSlowConsumer("too many live messages held back while subscribing");
            }
        } finally {
            lock.unlock();
        }
    }

    /** A message of the backlog, read from history while live ones are held back. */
    void deliverRecovered(long seq, TextMessage push) {
        lock.lock();
        try {
            deliverIfNew(seq, push);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the opening phase: everything up to {@code seenUpTo} counts as delivered, and the held-back
     * live messages follow in seq order, each at most once.
     */
    void goLive(long seenUpTo) {
        lock.lock();
        try {
            lastDeliveredSeq = Math.max(lastDeliveredSeq, seenUpTo);
            List<Held> held = heldBack == null ? List.of() : heldBack;
            heldBack = null;
            held.stream().sorted(Comparator.comparingLong(Held::seq)).forEach(h -> deliverIfNew(h.seq(), h.push()));
        } finally {
            lock.unlock();
        }
    }

    long lastDeliveredSeq() {
        lock.lock();
        try {
            return lastDeliveredSeq;
        } finally {
            lock.unlock();
        }
    }

    private void deliverIfNew(long seq, TextMessage push) {
        if (seq > lastDeliveredSeq) {
            lastDeliveredSeq = seq;
            session.send(push);
        }
    }

    private record Held(long seq, TextMessage push) {
    }
}
