package dev.parley.gateway.api;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.isAlreadyRouted;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.setAlreadyRouted;

import dev.parley.platform.files.OpenFiles;
import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Relays {@code /ws} to ws-gateway (ADR 0011, ADR 0015). The upgrade request goes through every filter of
 * the edge like any request — rate limits, header limits, the client's address — and is then sent on;
 * from ws-gateway's answer on, the two connections are spliced byte for byte ({@link Splice}). Close
 * codes therefore reach the client exactly as ws-gateway sent them; a ws-gateway that vanished without
 * one is 1011 to the client, and when the edge stops its clients get 1012 at once rather than a wait for
 * the shutdown's time limit. Frame rules (size, type) are ws-gateway's alone: the edge holds no frame.
 *
 * <p>Each relayed connection holds two of the process's open files (the client's socket and ws-gateway's),
 * so the edge holds at most {@code parley.edge.websocket.max-connections} of them and answers an upgrade
 * beyond that 503 {@code service_unavailable} with {@code Retry-After} — the client backs off and may land on
 * another edge — while the files it keeps in reserve still serve the HTTP API. Without the cap the next
 * upgrade found no file left and was a 500, and every other request to the edge failed with it.
 *
 * <p>With ws-gateway on the same host ({@code parley.edge.websocket.handoff-socket}), the upgrade request is
 * handed over with the client's connection instead ({@link Handover}, ADR 0023): the edge then holds neither
 * the connection nor any of its bytes, and ws-gateway answers the upgrade itself.
 */
@Component
class WebSocketRelay implements GlobalFilter, Ordered, SmartLifecycle {

    /**
     * The WebSocket endpoint's path (contract §3), the route {@code websocket} in {@code application.yml}: the edge's
     * security and CORS filters let its upgrades through for ws-gateway to judge.
     */
    static final String PATH = "/ws";

    /** Headers the relay writes itself, or that describe a body an upgrade request has none of. */
    private static final Set<String> OWN_HEADERS = Set.of("host", "upgrade", "connection", "content-length",
            "transfer-encoding");

    private final ObjectProvider<List<HttpHeadersFilter>> headersFilters;
    /** Looked up on the first upgrade and kept: a lookup in the bean factory was 12 % of the edge's CPU in a storm. */
    private volatile List<HttpHeadersFilter> resolvedHeadersFilters;
    private final Duration connectTimeout;
    private final Duration answerTimeout;
    private final Set<Splice> splices = ConcurrentHashMap.newKeySet();
    private final AtomicInteger relayed = new AtomicInteger();
    private final int maxConnections;
    private final Path handoffSocket;
    private final int socketBufferBytes;
    private volatile boolean running;

    WebSocketRelay(ObjectProvider<List<HttpHeadersFilter>> headersFilters,
                   @Value("${spring.cloud.gateway.server.webflux.httpclient.connect-timeout:2000}") int connectTimeoutMillis,
                   @Value("${spring.cloud.gateway.server.webflux.httpclient.response-timeout:30s}") Duration answerTimeout,
                   @Value("${parley.edge.websocket.max-connections:0}") int maxConnections,
                   @Value("${parley.edge.websocket.handoff-socket:}") String handoffSocket,
                   @Value("${parley.edge.websocket.socket-buffer-bytes:65536}") int socketBufferBytes) {
        this.headersFilters = headersFilters;
        this.socketBufferBytes = socketBufferBytes;
        this.handoffSocket = handoffSocket.isBlank() ? null : Path.of(handoffSocket);
        this.connectTimeout = Duration.ofMillis(connectTimeoutMillis);
        this.answerTimeout = answerTimeout;
        this.maxConnections = maxConnections > 0 ? maxConnections : OpenFiles.connectionsFor(OpenFiles.limit(), 2);
    }

    /** Just before Spring Cloud Gateway's WebSocket routing (lowest precedence − 1), which then finds the exchange routed. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 2;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI target = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        String scheme = target == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        ServerHttpRequest request = exchange.getRequest();
        boolean upgrade = "websocket".equalsIgnoreCase(request.getHeaders().getUpgrade());
        if (isAlreadyRouted(exchange) || !upgrade || !scheme.equals("ws")) {
            return chain.filter(exchange);
        }
        setAlreadyRouted(exchange);
        Channel client = clientChannel(request);
        if (!client.isActive()) {
            // the client left while its request was in the filters (a handshake timeout in a connect storm):
            // nothing is left to hand over, relay or answer (WebSocketClientGoneTests)
            return Mono.empty();
        }
        if (relayed.incrementAndGet() > maxConnections) {
            relayed.decrementAndGet();
            return Mono.error(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "the edge holds " + maxConnections + " WebSocket connections, its most"));
        }
        String upgradeRequest = upgradeRequest(target, request.getHeaders(),
                HttpHeadersFilter.filterRequest(headersFilters(), exchange));
        if (handoffSocket != null && Handover.possible(client)) {
            return Handover.handOver(client, handoffSocket, upgradeRequest, connectTimeout)
                    .doFinally(signal -> relayed.decrementAndGet());
        }
        return Mono.fromCallable(() -> new InetSocketAddress(InetAddress.getByName(target.getHost()), port(target)))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(address -> {
                    AtomicReference<Splice> opened = new AtomicReference<>();
                    return Mono.<Void>create(sink -> {
                        Splice splice = new Splice(client, sink, socketBufferBytes);
                        opened.set(splice);
                        splices.add(splice);
                        splice.open(address, upgradeRequest, connectTimeout, answerTimeout);
                    }).doFinally(signal -> splices.remove(opened.get()));
                })
                .doFinally(signal -> relayed.decrementAndGet());
    }

    /** Every {@link HttpHeadersFilter} bean, in order; the same for every request once the context is up. */
    private List<HttpHeadersFilter> headersFilters() {
        List<HttpHeadersFilter> filters = resolvedHeadersFilters;
        if (filters == null) {
            filters = headersFilters.getIfAvailable(List::of);
            resolvedHeadersFilters = filters;
        }
        return filters;
    }

    /**
     * The request ws-gateway gets: the client's path and query, the headers the edge's header filters let
     * through (its own {@code X-Forwarded-For} among them), and the client's WebSocket handshake without
     * extensions — no compression is negotiated, so the bytes can pass as they are.
     */
    static String upgradeRequest(URI target, HttpHeaders original, HttpHeaders filtered) {
        StringBuilder head = new StringBuilder(512).append("GET ").append(target.getRawPath());
        if (target.getRawQuery() != null) {
            head.append('?').append(target.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ").append(target.getHost()).append(':').append(port(target))
                .append("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n");
        filtered.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("sec-websocket") && !OWN_HEADERS.contains(lower)) {
                values.forEach(value -> head.append(name).append(": ").append(value).append("\r\n"));
            }
        });
        for (String name : List.of("Sec-WebSocket-Key", "Sec-WebSocket-Version", "Sec-WebSocket-Protocol")) {
            original.getOrEmpty(name).forEach(value -> head.append(name).append(": ").append(value).append("\r\n"));
        }
        return head.append("\r\n").toString();
    }

    @Override
    public void start() {
        running = true;
    }

    /** Before the web server's graceful shutdown, which would otherwise wait for every relayed connection. */
    @Override
    public void stop() {
        running = false;
        splices.forEach(Splice::restart);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The connection a request came on (the server is Reactor Netty's). */
    static Channel clientChannel(ServerHttpRequest request) {
        HttpServerRequest nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
        AtomicReference<Channel> channel = new AtomicReference<>();
        nativeRequest.withConnection(connection -> channel.set(connection.channel()));
        return channel.get();
    }

    private static int port(URI target) {
        return target.getPort() > 0 ? target.getPort() : 80;
    }
}
