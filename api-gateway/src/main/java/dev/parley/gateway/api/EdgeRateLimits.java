package dev.parley.gateway.api;

import dev.parley.gateway.api.RateLimitProperties.Limit;
import dev.parley.gateway.api.TokenBuckets.Bucket;
import dev.parley.gateway.api.TokenBuckets.Refusal;
import dev.parley.platform.security.HoldingJwtDecoder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Contract §7's HTTP rate limits, cluster-wide ({@link TokenBuckets}): per user (the token's subject)
 * message writes and room creations (group and direct rooms), and Parley's own: room changes
 * ({@link RateLimitProperties#roomChanges()}), searches ({@link RateLimitProperties#searches()}) and history pages
 * ({@link RateLimitProperties#historyReads()}); per client address ({@link ClientAddress}) registrations and every
 * request — the {@code /ws} upgrade is one, and so is a request whose token is refused — except the health probes.
 * Over a limit: 429 {@code rate_limited} with {@code Retry-After} (whole seconds, at least 1) and {@code retryAfterMs}.
 */
@Component
class EdgeRateLimits implements WebFilter, Ordered {

    private static final String REGISTRATIONS = "registrations";
    private static final String ROOM_CREATIONS = "room-creations";
    private static final PathPattern HEALTH = PathPatternParser.defaultInstance.parse("/actuator/health/**");
    private static final PathPattern REGISTER = PathPatternParser.defaultInstance.parse("/api/auth/register");
    private static final PathPattern ROOMS = PathPatternParser.defaultInstance.parse("/api/rooms");
    private static final PathPattern ROOM = PathPatternParser.defaultInstance.parse("/api/rooms/{room}");
    private static final PathPattern DIRECT_ROOMS = PathPatternParser.defaultInstance.parse("/api/rooms/direct");
    private static final PathPattern MEMBERS = PathPatternParser.defaultInstance.parse("/api/rooms/{room}/members");
    private static final PathPattern MEMBER = PathPatternParser.defaultInstance.parse("/api/rooms/{room}/members/{user}");
    private static final PathPattern ROLE = PathPatternParser.defaultInstance.parse("/api/rooms/{room}/members/{user}/role");
    private static final PathPattern BANS = PathPatternParser.defaultInstance.parse("/api/rooms/{room}/bans");
    private static final PathPattern BAN = PathPatternParser.defaultInstance.parse("/api/rooms/{room}/bans/{user}");
    private static final PathPattern MESSAGES = PathPatternParser.defaultInstance.parse("/api/rooms/{room}/messages");
    private static final PathPattern MESSAGE = PathPatternParser.defaultInstance.parse("/api/rooms/{room}/messages/{seq}");
    private static final PathPattern REACTION =
            PathPatternParser.defaultInstance.parse("/api/rooms/{room}/messages/{seq}/reactions/{emoji}");
    private static final PathPattern READ_MARKER = PathPatternParser.defaultInstance.parse("/api/rooms/{room}/read");
    private static final PathPattern SEARCH = PathPatternParser.defaultInstance.parse("/api/search/messages");

    private final RateLimitProperties limits;
    private final TokenBuckets buckets;
    private final ClientAddress clients;
    private final EdgeProblems problems;
    private final MeterRegistry meters;
    private final HoldingJwtDecoder tokens;
    private final ServerAuthenticationConverter bearerTokens = EdgeSecurityConfiguration.bearerTokens();

    EdgeRateLimits(RateLimitProperties limits, TokenBuckets buckets, ClientAddress clients, EdgeProblems problems,
            MeterRegistry meters, HoldingJwtDecoder tokens) {
        this.limits = limits;
        this.buckets = buckets;
        this.clients = clients;
        this.problems = problems;
        this.meters = meters;
        this.tokens = tokens;
    }

    /**
     * After the security chain (-100), which answers a refused token 401 (counted by {@link #unauthorized}), and
     * after {@link RequestBodyLimit} (-99), which refuses a declared oversized body 413 without counting it.
     */
    @Override
    public int getOrder() {
        return -98;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!counted(exchange)) {
            return chain.filter(exchange);
        }
        return userOf(exchange)
                .flatMap(user -> {
                    List<Bucket> chosen = bucketsFor(exchange.getRequest(), user);
                    return refusedOr(exchange, buckets.take(chosen), () -> {
                        giveBackIfNothingWasDone(exchange, chosen);
                        return chain.filter(exchange);
                    });
                });
    }

    /**
     * Before the security chain ({@link EarlyRefusals}): the refusal of a request that needs a bucket Redis lately
     * answered empty, decided without asking Redis; empty while none is known to be, and the request goes on to be
     * checked and counted as any other. Nothing is looked at while no bucket is known to be empty (the usual case, so a
     * request within its limits pays a size check here); else the address's bucket first, then the user's, only from a
     * token the edge holds as verified and still valid ({@link HoldingJwtDecoder}):
     * a token it does not hold is left to the chain, which answers an expired or forged one 401 as before. So this
     * answers earlier, and for less, the 429 the request would get anyway — except that a URL the chain's firewall
     * refuses, from a client past its limit, is now 429 too (ADR 0038).
     */
    Mono<Refusal> knownRefusal(ServerWebExchange exchange) {
        if (!buckets.anyKnownEmpty() || !counted(exchange)) {
            return Mono.empty();
        }
        Refusal byAddress = buckets.knownRefusal(List.of(requests(exchange.getRequest())));
        if (byAddress != null) {
            return Mono.just(byAddress);
        }
        return bearerTokens.convert(exchange)
                .mapNotNull(token -> tokens.held(((BearerTokenAuthenticationToken) token).getToken()))
                .onErrorResume(malformed -> Mono.empty()) // the chain answers it
                .mapNotNull(jwt -> buckets.knownRefusal(bucketsFor(exchange.getRequest(), jwt.getSubject())));
    }

    /**
     * A request whose token the edge refuses counts against its address as every request does (contract §7: 300
     * requests a second overall): {@code answer} (the 401) while the address has requests left, else 429. Uncounted,
     * an address could send forged tokens as fast as the edge would check their signatures (ADR 0038).
     */
    Mono<Void> unauthorized(ServerWebExchange exchange, Supplier<Mono<Void>> answer) {
        if (!counted(exchange)) {
            return answer.get();
        }
        return refusedOr(exchange, buckets.take(List.of(requests(exchange.getRequest()))), answer);
    }

    /** The 429 for the refusal, if there is one; else what {@code otherwise} answers. */
    Mono<Void> refusedOr(ServerWebExchange exchange, Mono<Refusal> refusal, Supplier<Mono<Void>> otherwise) {
        return refusal.map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(found -> found.isPresent() ? refuse(exchange, found.get()) : Mono.defer(otherwise));
    }

    /** Every request counts but the health probes, while the limits are on. */
    private boolean counted(ServerWebExchange exchange) {
        return limits.enabled() && !HEALTH.matches(exchange.getRequest().getPath().pathWithinApplication());
    }

    /** The address's bucket every counted request takes from. */
    private Bucket requests(ServerHttpRequest request) {
        return bucket("requests", limits.requests(), Objects.requireNonNullElse(clients.of(request), "unknown"));
    }

    /**
     * What a request did not do does not count against the limits that count what was done.
     * <ul>
     * <li>A registration answered 503 (auth-service too busy hashing and asking to come back after {@code Retry-After},
     * or not reached at all): a client that retries as it is told must not find its address locked out for an hour. A
     * refused one (400, 409) counts: each is an unauthenticated try at the user names, which the hour's ten bound.
     * <li>Contract §7 limits the rooms created, 5 a minute: a creation refused (4xx: a name left empty in a form) or not
     * handled (503) created none, and neither did opening a direct room that already existed (200 rather than 201).
     * </ul>
     * The token goes back before the answer leaves, so a retry finds it there. A 502 or 504 keeps it: the request may
     * have taken effect (the edge says so of a 502).
     */
    private void giveBackIfNothingWasDone(ServerWebExchange exchange, List<Bucket> chosen) {
        for (Bucket bucket : chosen) {
            if (bucket.name().equals(REGISTRATIONS) || bucket.name().equals(ROOM_CREATIONS)) {
                exchange.getResponse().beforeCommit(() -> {
                    HttpStatusCode status = exchange.getResponse().getStatusCode();
                    return status != null && nothingWasDone(bucket, status, exchange.getRequest())
                            ? buckets.giveBack(bucket) : Mono.empty();
                });
            }
        }
    }

    private static boolean nothingWasDone(Bucket bucket, HttpStatusCode status, ServerHttpRequest request) {
        if (status.value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            return true;
        }
        boolean existingDirectRoom = status.value() == HttpStatus.OK.value()
                && DIRECT_ROOMS.matches(withoutTrailingSlash(request.getPath().pathWithinApplication()));
        return bucket.name().equals(ROOM_CREATIONS) && (status.is4xxClientError() || existingDirectRoom);
    }

    private List<Bucket> bucketsFor(ServerHttpRequest request, String user) {
        HttpMethod method = request.getMethod();
        PathContainer path = withoutTrailingSlash(request.getPath().pathWithinApplication());
        Bucket requests = requests(request);
        List<Bucket> chosen = new ArrayList<>(List.of(requests));
        if (method == HttpMethod.POST && REGISTER.matches(path)) {
            chosen.add(bucket(REGISTRATIONS, limits.registrations(), requests.subject()));
        }
        if (!user.isEmpty() && method == HttpMethod.POST && (ROOMS.matches(path) || DIRECT_ROOMS.matches(path))) {
            chosen.add(bucket(ROOM_CREATIONS, limits.roomCreations(), user));
        }
        if (!user.isEmpty() && isRoomChange(method, path)) {
            chosen.add(bucket("room-changes", limits.roomChanges(), user));
        }
        if (!user.isEmpty() && isMessageWrite(method, path)) {
            chosen.add(bucket("message-writes", limits.messageWrites(), user));
        }
        if (!user.isEmpty() && method == HttpMethod.GET && SEARCH.matches(path)) {
            chosen.add(bucket("searches", limits.searches(), user));
        }
        if (!user.isEmpty() && method == HttpMethod.GET && MESSAGES.matches(path)) {
            chosen.add(bucket("history-reads", limits.historyReads(), user));
        }
        return chosen;
    }

    /**
     * Every write to a room but its creation (a direct room's too), which has a limit of its own: a room's update or
     * deletion, a join or an added member, a leave or a kick, a role given, a ban and its lifting. Each becomes
     * events on {@code parley.room-events.v1}, which is kept forever, so each is counted.
     */
    private static boolean isRoomChange(HttpMethod method, PathContainer path) {
        return (method == HttpMethod.PATCH || method == HttpMethod.DELETE) && ROOM.matches(path)
                || method == HttpMethod.POST && (MEMBERS.matches(path) || BANS.matches(path))
                || method == HttpMethod.DELETE && (MEMBER.matches(path) || BAN.matches(path))
                || method == HttpMethod.PUT && ROLE.matches(path);
    }

    /**
     * Every write that becomes a command on {@code parley.message-commands.v1}: posts, edits, deletes, reactions and
     * read markers. Each is a record on Kafka and a handled command in message-service, so each is counted.
     */
    private static boolean isMessageWrite(HttpMethod method, PathContainer path) {
        return method == HttpMethod.POST && MESSAGES.matches(path)
                || (method == HttpMethod.PATCH || method == HttpMethod.DELETE) && MESSAGE.matches(path)
                || (method == HttpMethod.PUT || method == HttpMethod.DELETE) && REACTION.matches(path)
                || method == HttpMethod.PUT && READ_MARKER.matches(path);
    }

    private Mono<Void> refuse(ServerWebExchange exchange, Refusal refusal) {
        String limit = refusal.bucket().name();
        refused(meters, limit);
        return problems.rateLimited(exchange, limit + ": " + refusal.bucket().limit(), refusal.retryAfterMs());
    }

    /** Counts a request answered 429 at the edge, by the limit it met. */
    static void refused(MeterRegistry meters, String limit) {
        Counter.builder("parley.edge.ratelimit.refused").description("Requests answered 429 rate_limited at the edge")
                .tag("limit", limit).register(meters).increment();
    }

    /** The user a request comes from (its token's subject), or "" without a valid token. */
    static Mono<String> userOf(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> ((JwtAuthenticationToken) principal).getToken().getSubject())
                .defaultIfEmpty("");
    }

    private static Bucket bucket(String name, Limit limit, String subject) {
        return new Bucket(name, subject, limit);
    }

    /** {@code /api/rooms/} is routed like {@code /api/rooms}, so it counts like it too. */
    private static PathContainer withoutTrailingSlash(PathContainer path) {
        String value = path.value();
        return value.length() > 1 && value.endsWith("/") ? PathContainer.parsePath(value.substring(0, value.length() - 1)) : path;
    }
}
