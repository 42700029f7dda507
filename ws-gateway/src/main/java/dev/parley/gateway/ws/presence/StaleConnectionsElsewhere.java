package dev.parley.gateway.ws.presence;

import dev.parley.gateway.ws.GatewayProperties;
import dev.parley.gateway.ws.metrics.GatewayMetrics;
import dev.parley.gateway.ws.session.LimitProperties;
import dev.parley.gateway.ws.session.StaleConnectionProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * The per-user connection limit's probe ({@link StaleConnectionProbe}) on the user's connections held by other
 * gateways (ADR 0026). When the limit refuses a user a connection here, the gateways that hold the user's other
 * connections — as presence records them in Redis — are asked over Redis pub/sub to probe theirs; each answers once
 * its probe is done, saying whether it closed any. Without this, a reconnect storm spread over several instances
 * would be refused until the heartbeat found the gone connections elsewhere (up to 50 s).
 *
 * <p>Bounded like the local probe: one request per user at a time, none again for a window after it (those asked
 * were just probed), and each gateway probes a user at most once per two windows however many ask. A gateway that
 * does not answer (it crashed; its connections expire with presence's TTL) is waited for no longer than two probe
 * timeouts and a half. Redis trouble means nobody is asked: the refusal stands, as it would have.
 */
@Component
public class StaleConnectionsElsewhere implements MessageListener {

    static final String REQUESTS = "parley:presence:probe-requests";
    private static final String ANSWERS_PREFIX = "parley:presence:probe-answers:";
    private static final Logger log = LoggerFactory.getLogger(StaleConnectionsElsewhere.class);
    private static final CompletionStage<Boolean> NOTHING_CLOSED = CompletableFuture.completedStage(false);

    private final PresenceStore store;
    private final StringRedisTemplate redis;
    private final StaleConnectionProbe localProbe;
    private final TaskScheduler scheduler;
    private final String gatewayId;
    private final Duration timeout;
    private final GatewayMetrics metrics;
    /** Each user's request, while its answers are awaited and for a window after; then removed. */
    private final Map<UUID, Request> requests = new ConcurrentHashMap<>();

    StaleConnectionsElsewhere(PresenceStore store, StringRedisTemplate redis, StaleConnectionProbe localProbe,
                              TaskScheduler taskScheduler, GatewayProperties gateway, LimitProperties limits,
                              GatewayMetrics metrics) {
        this.store = store;
        this.redis = redis;
        this.localProbe = localProbe;
        this.scheduler = taskScheduler;
        this.gatewayId = gateway.gatewayId();
        this.timeout = limits.staleProbeTimeout();
        this.metrics = metrics;
    }

    /** The channel on which this gateway hears the answers to its requests. */
    String answers() {
        return ANSWERS_PREFIX + gatewayId;
    }

    /**
     * Asks the other gateways holding the user's connections to probe them, or joins the request already out.
     *
     * @return completes with whether a place may be free now: one of them closed a connection, or one did not answer
     */
    public CompletionStage<Boolean> closeSilentConnectionsOf(UUID userId) {
        Request request = new Request();
        Request earlier = requests.putIfAbsent(userId, request);
        if (earlier != null) {
            return earlier.outcome.isDone() ? NOTHING_CLOSED : earlier.outcome.minimalCompletionStage();
        }
        try {
            request.awaited.addAll(store.gatewaysOf(userId));
            request.awaited.remove(gatewayId);
            if (request.awaited.isEmpty()) {
                finish(userId, request, false);
            } else {
                request.asked = true; // before: an answer may come before convertAndSend returns
                redis.convertAndSend(REQUESTS, userId + " " + gatewayId);
                scheduler.schedule(() -> finish(userId, request, true), Instant.now().plus(timeout.multipliedBy(5)
                        .dividedBy(2)));
            }
        } catch (RuntimeException e) {
            log.warn("Could not ask other gateways to probe the connections of user {}: {}", userId, e.toString());
            request.asked = false;
            finish(userId, request, false);
        }
        return request.outcome.minimalCompletionStage();
    }

    /** A request from another gateway, or an answer to one of this gateway's. */
    @Override
    public void onMessage(Message message, byte[] pattern) {
        String channel = new String(message.getChannel(), StandardCharsets.UTF_8);
        String[] words = new String(message.getBody(), StandardCharsets.UTF_8).split(" ");
        try {
            UUID userId = UUID.fromString(words[0]);
            if (channel.equals(REQUESTS) && words.length == 2 && !words[1].equals(gatewayId)) {
                probeFor(userId, words[1]);
            } else if (channel.equals(answers()) && words.length == 3) {
                answered(userId, words[1], Boolean.parseBoolean(words[2]));
            }
        } catch (RuntimeException e) {
            log.warn("Ignored a probe message on {} that could not be read: {}", channel, e.toString());
        }
    }

    private void probeFor(UUID userId, String asker) {
        localProbe.closeSilentConnectionsOf(userId).whenComplete((closedAny, failure) -> scheduler.schedule(() -> {
            try {
                redis.convertAndSend(ANSWERS_PREFIX + asker, userId + " " + gatewayId + " "
                        + Boolean.TRUE.equals(closedAny));
            } catch (RuntimeException e) {
                log.warn("Could not answer gateway {} about the connections of user {}: {}", asker, userId,
                        e.toString());
            }
        }, Instant.now()));
    }

    private void answered(UUID userId, String from, boolean closedAny) {
        Request request = requests.get(userId);
        if (request == null || !request.awaited.remove(from)) {
            return; // late, after the request's deadline, or from a gateway not asked
        }
        if (closedAny) {
            request.closedAny.set(true);
        }
        if (request.awaited.isEmpty()) {
            finish(userId, request, false);
        }
    }

    /** {@code unanswered}: the deadline passed with gateways still to answer. */
    private void finish(UUID userId, Request request, boolean unanswered) {
        if (!request.finished.compareAndSet(false, true)) {
            return;
        }
        if (request.asked) {
            metrics.probedElsewhere(!unanswered); // counted before whoever waits for the outcome goes on
        }
        request.outcome.complete(request.closedAny.get() || unanswered);
        try {
            scheduler.schedule(() -> requests.remove(userId, request), Instant.now().plus(timeout));
        } catch (RuntimeException e) {
            requests.remove(userId, request);
        }
    }

    private static final class Request {
        final Set<String> awaited = ConcurrentHashMap.newKeySet();
        final AtomicBoolean closedAny = new AtomicBoolean();
        final CompletableFuture<Boolean> outcome = new CompletableFuture<>();
        final AtomicBoolean finished = new AtomicBoolean();
        volatile boolean asked;
    }
}
