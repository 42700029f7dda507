package dev.parley.gateway.ws.subscription;

import dev.parley.events.ErrorCode;
import dev.parley.gateway.ws.membership.RoomDirectory;
import dev.parley.gateway.ws.membership.RoomMemberships;
import dev.parley.gateway.ws.membership.RoomView;
import dev.parley.gateway.ws.metrics.GatewayMetrics;
import dev.parley.gateway.ws.presence.PresenceRoster;
import dev.parley.gateway.ws.protocol.ClientFrame;
import dev.parley.gateway.ws.protocol.FrameWriter;
import dev.parley.gateway.ws.protocol.ServerFrame;
import dev.parley.gateway.ws.session.AuthenticatedUser;
import dev.parley.gateway.ws.session.ClientSession;
import dev.parley.gateway.ws.session.LimitProperties;
import dev.parley.gateway.ws.session.SerialExecutor;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Opens and closes subscriptions, with one round of calls per {@code subscribe} (which is rate limited
 * like a {@code send}, so a client cannot turn this gateway into an amplifier of lookups): room-service for
 * read access (and the user's membership, remembered for later frames and for presence), then
 * message-service for the head and, on a resume, the backlog after {@code sinceSeq}.
 *
 * <p>The seam: the subscription is registered first, holding live pushes back; only then is the
 * head read. Every message committed after registration reaches it live, everything before is in
 * the history read, so there is no gap; its last-delivered seq removes the overlap, so there is no
 * duplicate. When the backlog exceeds the recovery limit nothing is replayed: the client gets
 * {@code recovered:false} with the {@code headSeq}, live messages after the head, and pages
 * {@code (sinceSeq, headSeq]} over HTTP.
 *
 * <p>A {@code subscribe} to a room the connection already follows replaces that subscription only once it is
 * accepted: while it is opened the old one holds its pushes back, and a refusal (an error) leaves the old one as
 * it was, its held-back pushes delivered. An error means nothing changed.
 *
 * <p>A backlog that cannot be read to its end after {@code subscribed} went out ends the subscription:
 * {@code unsubscribed} (without an id: no frame asked for it), then {@code internal} with the subscribe's id.
 *
 * <p>A resume's backlog is taken from its user's {@link ReplayAllowance} on this instance, counted in messages: one
 * the allowance cannot cover yet is refused {@code rate_limited} with {@code retryAfterMs} (ADR 0036), so that a
 * token of the frame allowance never stands for more than the allowance's share of pages and pushes.
 *
 * <p>A {@code sinceSeq} above the head is refused ({@code validation_failed}, field {@code sinceSeq}):
 * a client only learns seqs that were committed, so its state is not this room's (the room was
 * recreated, or the client mixed rooms up). Subscribing anyway would wait for those seqs and drop
 * every live message until the room caught up.
 */
@Service
public class SubscriptionService {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionService.class);

    private final RoomSubscriptions subscriptions;
    private final RoomMemberships memberships;
    private final PresenceRoster roster;
    private final HistoryClient history;
    private final FrameWriter writer;
    private final SubscriptionProperties properties;
    private final ReplayAllowance replays;
    private final int maxSubscriptions;
    private final GatewayMetrics metrics;

    SubscriptionService(RoomSubscriptions subscriptions, RoomMemberships memberships, PresenceRoster roster,
                        HistoryClient history, FrameWriter writer, SubscriptionProperties properties,
                        ReplayAllowance replays, LimitProperties limits, GatewayMetrics metrics) {
        this.subscriptions = subscriptions;
        this.memberships = memberships;
        this.roster = roster;
        this.history = history;
        this.writer = writer;
        this.properties = properties;
        this.replays = replays;
        this.maxSubscriptions = limits.maxSubscriptions();
        this.metrics = metrics;
    }

    /** Costs a token of the connection's frame allowance (contract §7) before anyone is asked anything. */
    public void subscribe(ClientSession session, ClientFrame.Subscribe frame) {
        if (!session.takeAllowance(frame.id())) {
            return;
        }
        if (frame.sinceSeq() != null
                && refusedForNow(session, frame, replays.waitLeft(session.user().userId(), System.nanoTime()))) {
            return;
        }
        UUID roomId = frame.roomId();
        if (!subscriptions.follows(session, roomId) && subscriptions.countOf(session) >= maxSubscriptions) {
            session.send(ServerFrame.Error.of(ErrorCode.TOO_MANY_SUBSCRIPTIONS,
                    "a connection may follow at most " + maxSubscriptions + " rooms", frame.id()));
            return;
        }
        Long sinceSeq = frame.sinceSeq();
        int maxHeldBack = Math.max(properties.recoveryLimit(), properties.historyPageSize()) + 100;
        Subscription subscription = new Subscription(session, roomId, sinceSeq == null ? 0 : sinceSeq, maxHeldBack,
                metrics);
        subscriptions.add(subscription);
        try {
            open(subscription, frame);
        } catch (RoomDirectory.RoomNotFoundException e) {
            refuse(subscription, ErrorCode.ROOM_NOT_FOUND, "room not found", frame);
        } catch (RoomDirectory.TokenRefusedException e) {
            refuse(subscription, ErrorCode.UNAUTHORIZED, "the access token was refused, authenticate again", frame);
        } catch (RuntimeException e) {
            log.warn("Could not open subscription of session {} to room {}: {}{}", session.id(), roomId, e,
                    e.getCause() == null ? "" : " (" + e.getCause() + ")");
            refuse(subscription, ErrorCode.INTERNAL, "could not subscribe, try again", frame);
        }
        if (!session.isOpen()) {
            subscriptions.removeAll(session);
        }
    }

    /** A resume while its user's last refused one waits out its {@code retryAfterMs}: refused again, asking nobody. */
    private boolean refusedForNow(ClientSession session, ClientFrame.Subscribe frame, long waitMs) {
        if (waitMs == 0) {
            return false;
        }
        metrics.replayRefused();
        session.send(ServerFrame.Error.rateLimited(waitMs, frame.id()));
        return true;
    }

    /** Free: it asks nobody anything. */
    public void unsubscribe(ClientSession session, ClientFrame.Unsubscribe frame) {
        subscriptions.remove(session, frame.roomId());
        session.send(new ServerFrame.Unsubscribed(frame.roomId(), frame.id()));
    }

    /** The session is gone: it follows no room any more. */
    public void dropAll(ClientSession session) {
        subscriptions.removeAll(session);
    }

    private void open(Subscription subscription, ClientFrame.Subscribe frame) {
        AuthenticatedUser user = subscription.session().user();
        UUID roomId = subscription.roomId();
        RoomView room = memberships.lookUp(roomId, user);
        if (room.myRole() != null) {
            roster.member(roomId, user.userId());
        }
        long headSeq = history.headSeq(roomId, user.accessToken());
        Long sinceSeq = frame.sinceSeq();
        if (sinceSeq != null && sinceSeq > headSeq) {
            refuse(subscription, ServerFrame.Error.invalidField("sinceSeq",
                    "is above the room's headSeq " + headSeq + ": subscribe without it and reload", frame.id()));
            return;
        }
        boolean recovered = sinceSeq == null || headSeq - sinceSeq <= properties.recoveryLimit();
        if (sinceSeq != null && recovered && headSeq > sinceSeq) {
            long retryAfterMs = replays.take(user.userId(), headSeq - sinceSeq, System.nanoTime());
            if (retryAfterMs > 0) {
                metrics.replayRefused();
                refuse(subscription, ServerFrame.Error.rateLimited(retryAfterMs, frame.id()));
                return;
            }
        }
        subscriptions.accept(subscription);
        if (!subscription.confirm(new ServerFrame.Subscribed(roomId, headSeq, recovered, frame.id()))) {
            // ended by a membership change while opening; the client got member_left or room_deleted
            refuse(subscription, memberships.isPublic(roomId) ? ErrorCode.NOT_MEMBER : ErrorCode.ROOM_NOT_FOUND,
                    "the subscription ended while it was opened", frame);
            return;
        }
        if (sinceSeq != null && recovered) {
            new Replay(subscription, frame, sinceSeq, headSeq, user.accessToken()).run();
        } else {
            subscription.goLive(headSeq);
        }
    }

    private void refuse(Subscription subscription, ErrorCode code, String message, ClientFrame.Subscribe frame) {
        refuse(subscription, ServerFrame.Error.of(code, message, frame.id()));
    }

    private void refuse(Subscription subscription, ServerFrame.Error error) {
        subscriptions.refuse(subscription);
        subscription.session().send(error);
    }

    /**
     * The backlog could not be read to its end after {@code subscribed} went out: the subscription ends, and the
     * client is told so as plainly as when it unsubscribes — {@code unsubscribed} after the messages it did get,
     * then the subscribe's {@code error} — so that it subscribes again from the last seq it has.
     */
    private void endMidReplay(Subscription subscription, ClientFrame.Subscribe frame, RuntimeException e) {
        log.warn("Could not replay the backlog of room {} to session {}: {}", subscription.roomId(),
                subscription.session().id(), e.toString());
        subscriptions.remove(subscription);
        subscription.end(writer.write(new ServerFrame.Unsubscribed(subscription.roomId(), null)));
        subscription.session().send(ServerFrame.Error.of(ErrorCode.INTERNAL,
                "the backlog could not be replayed: the subscription ended, subscribe again with sinceSeq", frame.id()));
    }

    /**
     * A resume's backlog, page by page from message-service, paced by the client: a message is queued only while the
     * connection has room for a backlog ({@link ClientSession#hasRoomForBacklog}); otherwise the replay goes on once
     * the client has read, as the rest of the subscribe's task ({@link SerialExecutor#continueWhen}), so no thread
     * waits for a slow link and the connection's later frames wait their turn, as behind any subscribe. Live pushes
     * stay held back meanwhile. Offered as fast as pages came, a backlog of long messages overflowed the buffer of a
     * client on a slow link and closed it 4009 on every resume.
     */
    private final class Replay {

        private final Subscription subscription;
        private final ClientFrame.Subscribe frame;
        private final long sinceSeq;
        private final long headSeq;
        private final String token;
        private long cursor;
        private List<HistoryMessage> page = List.of();
        private int next;
        private boolean lastPage;

        Replay(Subscription subscription, ClientFrame.Subscribe frame, long sinceSeq, long headSeq, String token) {
            this.subscription = subscription;
            this.frame = frame;
            this.sinceSeq = sinceSeq;
            this.headSeq = headSeq;
            this.token = token;
            this.cursor = sinceSeq;
        }

        /** Replays until the backlog is out (the subscription then goes live) or the client must read first. */
        void run() {
            ClientSession session = subscription.session();
            try {
                // a client gone meanwhile, or a subscription ended by a membership change, costs no more pages
                while (session.isOpen() && !subscription.isEnded()) {
                    if (next < page.size()) {
                        if (!session.hasRoomForBacklog()) {
                            session.work().continueWhen(session.whenRoomForBacklog(), roomOrEnd -> run());
                            return;
                        }
                        HistoryMessage message = page.get(next++);
                        subscription.deliverRecovered(message.seq(), writer.write(message.toPush()));
                    } else if (lastPage || cursor >= headSeq) {
                        break;
                    } else {
                        HistoryMessage.Page read = history.after(subscription.roomId(), cursor,
                                properties.historyPageSize(), token);
                        page = read.items();
                        next = 0;
                        lastPage = page.isEmpty() || !read.hasMore();
                        cursor = page.isEmpty() ? cursor : read.lastSeq();
                    }
                }
            } catch (RuntimeException e) {
                endMidReplay(subscription, frame, e);
                return;
            }
            subscription.goLive(sinceSeq);
        }
    }
}
