package dev.parley.gateway.ws.subscription;

import dev.parley.gateway.ws.metrics.GatewayMetrics;
import dev.parley.gateway.ws.protocol.OutboundFrame;
import dev.parley.gateway.ws.protocol.ServerFrame;
import dev.parley.gateway.ws.session.ClientSession;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One session's subscription to one room, and the guard of "no gap, no duplicate": it remembers the
 * last seq it delivered and drops any message at or below it. While the subscription is being opened
 * (access check, head lookup, backfill) live pushes are held back, then released — messages in seq
 * order, then the other pushes in arrival order — and so they are while the session re-subscribes to the room,
 * until the new subscription is accepted (this one ends) or refused (this one carries on). Once ended
 * (unsubscribed, replaced, or ended by a membership change) it delivers nothing more.
 */
public final class Subscription {

    private final ClientSession session;
    private final UUID roomId;
    private final int maxHeldBack;
    private final GatewayMetrics metrics;
    private final ReentrantLock lock = new ReentrantLock();
    private long lastDeliveredSeq;
    private List<HeldMessage> heldMessages = new ArrayList<>();
    private List<OutboundFrame> heldPushes = new ArrayList<>();
    private boolean ended;

    Subscription(ClientSession session, UUID roomId, long lastDeliveredSeq, int maxHeldBack, GatewayMetrics metrics) {
        this.session = session;
        this.roomId = roomId;
        this.lastDeliveredSeq = lastDeliveredSeq;
        this.maxHeldBack = maxHeldBack;
        this.metrics = metrics;
    }

    public ClientSession session() {
        return session;
    }

    public UUID roomId() {
        return roomId;
    }

    /** A live message: held back while opening, else delivered unless already delivered. */
    public void deliverMessage(long seq, OutboundFrame push) {
        lock.lock();
        try {
            if (ended) {
                return;
            }
            if (heldMessages == null) {
                deliverIfNew(seq, push);
            } else if (heldMessages.size() + heldPushes.size() < maxHeldBack) {
                heldMessages.add(new HeldMessage(seq, push));
            } else {
                overflowWhileOpening();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Any other push of the room: held back while opening, in arrival order. */
    public void deliver(OutboundFrame push) {
        lock.lock();
        try {
            if (ended) {
                return;
            }
            if (heldPushes == null) {
                send(push);
            } else if (heldMessages.size() + heldPushes.size() < maxHeldBack) {
                heldPushes.add(push);
            } else {
                overflowWhileOpening();
            }
        } finally {
            lock.unlock();
        }
    }

    /** An ephemeral push (typing): dropped while opening rather than held. */
    public void deliverIfLive(OutboundFrame push) {
        lock.lock();
        try {
            if (!ended && heldPushes == null) {
                send(push);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the subscription: nothing is delivered after {@code farewell} (sent even while opening,
     * so a member removed mid-subscribe learns why). {@code false} if it had already ended.
     */
    public boolean end(OutboundFrame farewell) {
        lock.lock();
        try {
            if (ended) {
                return false;
            }
            ended = true;
            heldMessages = null;
            heldPushes = null;
            if (farewell != null) {
                send(farewell);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** How many live pushes wait for the subscription to open; 0 once it is open. */
    int heldBack() {
        lock.lock();
        try {
            return heldMessages == null ? 0 : heldMessages.size() + heldPushes.size();
        } finally {
            lock.unlock();
        }
    }

    boolean isEnded() {
        lock.lock();
        try {
            return ended;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A new {@code subscribe} to the room is being opened: hold the pushes back, as while opening, until it is
     * accepted (this one then ends) or refused ({@link #resume}).
     */
    void holdBack() {
        lock.lock();
        try {
            if (!ended && heldMessages == null) {
                heldMessages = new ArrayList<>();
                heldPushes = new ArrayList<>();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The new {@code subscribe} was refused: what was held back follows, and this subscription carries on. */
    void resume() {
        lock.lock();
        try {
            if (heldMessages != null) {
                goLive(lastDeliveredSeq);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Answers the subscribe, unless the subscription ended meanwhile; nothing is pushed before it. */
    boolean confirm(ServerFrame.Subscribed subscribed) {
        lock.lock();
        try {
            if (!ended) {
                session.send(subscribed);
            }
            return !ended;
        } finally {
            lock.unlock();
        }
    }

    /** A message of the backlog, read from history while live ones are held back. */
    void deliverRecovered(long seq, OutboundFrame push) {
        lock.lock();
        try {
            if (!ended) {
                deliverIfNew(seq, push);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the opening phase: everything up to {@code seenUpTo} counts as delivered; the held-back
     * messages follow in seq order, each at most once, then the other held-back pushes.
     */
    void goLive(long seenUpTo) {
        lock.lock();
        try {
            if (ended) {
                return;
            }
            lastDeliveredSeq = Math.max(lastDeliveredSeq, seenUpTo);
            List<HeldMessage> messages = heldMessages;
            List<OutboundFrame> pushes = heldPushes;
            heldMessages = null;
            heldPushes = null;
            messages.stream().sorted(Comparator.comparingLong(HeldMessage::seq))
                    .forEach(held -> deliverIfNew(held.seq(), held.push()));
            pushes.forEach(this::send);
        } finally {
            lock.unlock();
        }
    }

    private void deliverIfNew(long seq, OutboundFrame push) {
        if (seq > lastDeliveredSeq) {
            lastDeliveredSeq = seq;
            send(push);
        }
    }

    private void send(OutboundFrame push) {
        metrics.delivered(push.type());
        session.send(push);
    }

    /** The client cannot be brought up to date in order; it resumes with sinceSeq. */
    private void overflowWhileOpening() {
        ended = true;
        heldMessages = null;
        heldPushes = null;
        session.closeAsSlowConsumer("too many live pushes held back while subscribing");
    }

    private record HeldMessage(long seq, OutboundFrame push) {
    }
}
