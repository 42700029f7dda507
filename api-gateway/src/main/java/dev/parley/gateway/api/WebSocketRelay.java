package dev.parley.gateway.api;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.isAlreadyRouted;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.setAlreadyRouted;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.WebSocketClient;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Relays {@code /ws} to ws-gateway, in place of Spring Cloud Gateway's own WebSocket routing, which
 * turns every close code outside a short list into 1002 (protocol error): ws-gateway's 1012 (restarting,
 * resume elsewhere) and the 1006 of a ws-gateway that died both reached clients as a protocol error.
 * Here a close the backend sent passes through as it is, and a backend that vanished without one is
 * 1011 to the client (reconnect and resume, contract §3); a client's close goes to the backend. When
 * the edge itself stops, its clients get 1012 at once rather than a wait for the shutdown's time limit.
 */
@Component
class WebSocketRelay implements GlobalFilter, Ordered, SmartLifecycle {

    private final WebSocketClient client;
    private final WebSocketService service;
    private final ObjectProvider<List<HttpHeadersFilter>> headersFilters;
    private final Set<WebSocketSession> clients = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    WebSocketRelay(WebSocketClient client, WebSocketService service, ObjectProvider<List<HttpHeadersFilter>> headersFilters) {
        this.client = client;
        this.service = service;
        this.headersFilters = headersFilters;
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
        boolean upgrade = "websocket".equalsIgnoreCase(exchange.getRequest().getHeaders().getUpgrade());
        if (isAlreadyRouted(exchange) || !upgrade || !(scheme.equals("ws") || scheme.equals("wss"))) {
            return chain.filter(exchange);
        }
        setAlreadyRouted(exchange);
        HttpHeaders filtered = HttpHeadersFilter.filterRequest(headersFilters.getIfAvailable(List::of), exchange);
        HttpHeaders headers = new HttpHeaders();
        filtered.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("sec-websocket") && !lower.equals("host")) {
                headers.addAll(name, values);
            }
        });
        return service.handleRequest(exchange, new Relay(target, headers, protocols(exchange.getRequest().getHeaders())));
    }

    @Override
    public void start() {
        running = true;
    }

    /** Before the web server's graceful shutdown, which would otherwise wait for every relayed connection. */
    @Override
    public void stop() {
        running = false;
        clients.forEach(client -> client.close(CloseStatus.SERVICE_RESTARTED.withReason("restarting: reconnect and resume"))
                .subscribe());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The close a client gets for a backend close: as sent, or 1011 where none (or a reserved code) came. */
    static CloseStatus towardsClient(CloseStatus fromBackend) {
        return sendable(fromBackend) ? fromBackend : CloseStatus.SERVER_ERROR.withReason("the chat service went away: reconnect and resume");
    }

    /**
     * The close for a client frame the edge could not take (null for any other failure): a frame over its size
     * limit is 1009 (contract §3); another broken frame gets the code its decoder chose. The decoder does not
     * send these closes itself here: without this the client's connection just stopped, or dropped without a
     * close frame. (A message whose fragments add up to more than the limit is closed by Reactor Netty itself,
     * with an empty close frame — 1005 — before this runs: a known gap, docs/security.md.)
     */
    static CloseStatus refusedFrame(Throwable failure) {
        if (failure instanceof CorruptedWebSocketFrameException corrupted) {
            return new CloseStatus(corrupted.closeStatus().code(), corrupted.closeStatus().reasonText());
        }
        if (failure instanceof TooLongFrameException) {
            return CloseStatus.TOO_BIG_TO_PROCESS.withReason("frame too large");
        }
        return null;
    }

    /** The close the backend gets for a client close: as sent, or 1001 (going away) for a vanished client. */
    static CloseStatus towardsBackend(CloseStatus fromClient) {
        return sendable(fromClient) ? fromClient : CloseStatus.GOING_AWAY;
    }

    /** Codes a close frame may carry (RFC 6455 §7.4): not 1004–1006 or 1015, which only report what happened. */
    private static boolean sendable(CloseStatus status) {
        int code = status.getCode();
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }

    private static List<String> protocols(HttpHeaders headers) {
        List<String> protocols = new ArrayList<>();
        for (String value : headers.getOrEmpty("Sec-WebSocket-Protocol")) {
            protocols.addAll(List.of(StringUtils.tokenizeToStringArray(value, ",")));
        }
        return protocols;
    }

    private final class Relay implements WebSocketHandler {

        private final URI target;
        private final HttpHeaders headers;
        private final List<String> protocols;

        Relay(URI target, HttpHeaders headers, List<String> protocols) {
            this.target = target;
            this.headers = headers;
            this.protocols = protocols;
        }

        @Override
        public List<String> getSubProtocols() {
            return protocols;
        }

        @Override
        public Mono<Void> handle(WebSocketSession clientSide) {
            clients.add(clientSide);
            return client.execute(target, headers, new WebSocketHandler() {
                @Override
                public List<String> getSubProtocols() {
                    return protocols;
                }

                @Override
                public Mono<Void> handle(WebSocketSession backendSide) {
                    Mono<Void> backendClosed = backendSide.closeStatus()
                            .defaultIfEmpty(CloseStatus.NO_CLOSE_FRAME)
                            .flatMap(status -> clientSide.isOpen() ? clientSide.close(towardsClient(status)) : Mono.empty());
                    Mono<Void> clientClosed = clientSide.closeStatus()
                            .defaultIfEmpty(CloseStatus.NO_CLOSE_FRAME)
                            .flatMap(status -> backendSide.isOpen() ? backendSide.close(towardsBackend(status)) : Mono.empty());
                    // retain(): the frame is released once written on the other side. A relay that fails (the
                    // other side died) must not end the exchange with an error: that would close the client's
                    // connection with an empty close frame (1005) before the close above is sent.
                    Mono<Void> upstream = backendSide.send(clientSide.receive().doOnNext(WebSocketMessage::retain))
                            .onErrorResume(failure -> {
                                CloseStatus refused = refusedFrame(failure);
                                return refused == null ? Mono.empty() : clientSide.close(refused);
                            });
                    Mono<Void> downstream = clientSide.send(backendSide.receive().doOnNext(WebSocketMessage::retain))
                            .onErrorResume(failure -> Mono.empty());
                    return Mono.when(backendClosed, clientClosed, upstream, downstream);
                }
            }).onErrorResume(failure -> clientSide.isOpen()
                    ? clientSide.close(CloseStatus.SERVER_ERROR.withReason("the chat service cannot be reached: retry"))
                    : Mono.empty())
                    .doFinally(signal -> clients.remove(clientSide));
        }
    }
}
