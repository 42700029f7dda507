package dev.parley.gateway.ws.subscription;

import dev.parley.gateway.ws.protocol.ClientFrame;
import dev.parley.gateway.ws.protocol.ErrorCode;
import dev.parley.gateway.ws.protocol.FrameWriter;
import dev.parley.gateway.ws.protocol.ServerFrame;
import dev.parley.gateway.ws.session.ClientSession;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Opens and closes subscriptions. Opening registers the subscription first (holding live messages
 * back), then asks message-service for the head — which also checks the user's read access — and,
 * for a resume, replays the backlog after {@code sinceSeq}; only then are the held-back live
 * messages released. Every message committed after registration reaches the subscription live, and
 * everything before it is in the history read, so there is no gap; the subscription's
 * last-delivered seq removes the overlap, so there is no duplicate.
 *
 * <p>When the backlog exceeds the recovery limit nothing is replayed: the client gets
 * {@code recovered:false} with the {@code headSeq}, live messages after the head, and pages
 * {@code (sinceSeq, headSeq]} over HTTP.
 */
@Service
public class SubscriptionService {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionService.class);

    private final RoomSubscriptions subscriptions;
    private final HistoryClient history;
    private final FrameWriter writer;
    private final SubscriptionProperties properties;

    SubscriptionService(RoomSubscriptions subscriptions, HistoryClient history, FrameWriter writer,
                        SubscriptionProperties properties) {
        this.subscriptions = subscriptions;
        this.history = history;
        this.writer = writer;
        this.properties = properties;
    }

    public void subscribe(ClientSession session, ClientFrame.Subscribe frame) {
        UUID roomId = frame.roomId();
        Long sinceSeq = frame.sinceSeq();
        String token = session.user().accessToken();
        int maxHeldBack = Math.max(properties.recoveryLimit(), properties.historyPageSize());
        Subscription subscription = new Subscription(session, roomId, sinceSeq == null ? 0 : sinceSeq, maxHeldBack);
        subscriptions.add(subscription);
        try {
            long headSeq = history.latest(roomId, token).lastSeq();
            boolean recovered = sinceSeq == null || headSeq - sinceSeq <= properties.recoveryLimit();
            session.send(new ServerFrame.Subscribed(roomId, headSeq, recovered, frame.id()));
            if (sinceSeq != null && recovered) {
                replay(subscription, sinceSeq, headSeq, token);
                subscription.goLive(sinceSeq);
            } else {
                subscription.goLive(headSeq);
            }
        } catch (HistoryClient.RoomNotFoundException e) {
            subscriptions.remove(subscription);
            session.send(ServerFrame.Error.of(ErrorCode.ROOM_NOT_FOUND, "room not found", frame.id()));
        } catch (RuntimeException e) {
            log.warn("Could not open subscription of session {} to room {}: {}", session.id(), roomId, e.toString());
            subscriptions.remove(subscription);
            session.send(ServerFrame.Error.of(ErrorCode.INTERNAL, "could not subscribe, try again", frame.id()));
        }
        if (!session.isOpen()) {
            subscriptions.removeAll(session);
        }
    }

    public void unsubscribe(ClientSession session, ClientFrame.Unsubscribe frame) {
        subscriptions.remove(session, frame.roomId());
        session.send(new ServerFrame.Unsubscribed(frame.roomId(), frame.id()));
    }

    /** The session is gone: it follows no room any more. */
    public void dropAll(ClientSession session) {
        subscriptions.removeAll(session);
    }

    private void replay(Subscription subscription, long sinceSeq, long headSeq, String token) {
        long cursor = sinceSeq;
        while (cursor < headSeq) {
            HistoryMessage.Page page = history.after(subscription.roomId(), cursor, properties.historyPageSize(), token);
            for (HistoryMessage message : page.items()) {
                subscription.deliverRecovered(message.seq(), writer.write(message.toPush()));
            }
            if (page.items().isEmpty() || !page.hasMore()) {
                return;
            }
            cursor = page.lastSeq();
        }
    }
}
