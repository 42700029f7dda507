package dev.parley.gateway.api;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR;

import io.netty.channel.Channel;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.NettyInbound;
import reactor.netty.NettyOutbound;

/**
 * A service's connection is closed for a request its client left, or whose answer failed, only while the connection
 * still carries that request.
 *
 * <p>When the client goes away or writing its answer fails, Spring Cloud Gateway ({@link NettyWriteResponseFilter})
 * disposes the request's connection to the service, from the event loop of the client's connection. If the service's
 * answer has already ended by then, Reactor Netty is giving that connection back to its pool on the connection's own
 * event loop ({@code ChannelOperations.terminate()}), and the pool may hand it at once to the next request for that
 * service, which is written before the finished request's operations let go of the channel. A dispose from the other
 * loop in that moment closed the next request's connection: its client got 502 "closed BEFORE response, while sending
 * request body" although the service had received it, and may have acted on it (a registration created; seen in
 * sign-in storms, docs/performance.md, stops 78–81).
 *
 * <p>Here the dispose waits its turn on the connection's event loop — after any such hand-over has finished — and
 * closes the connection only if the channel's operations are still the request's own. A connection whose answer was
 * all read goes on serving the pool, as it would had the client stayed.
 */
@Component
class UpstreamConnections implements GlobalFilter, Ordered {

    @Override
    public int getOrder() {
        // inside NettyWriteResponseFilter, so that it finds the guard when it cleans up, and outside the routing filter
        return NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        // the routing filter has stored the connection once the service's answer began (not for /ws, which is relayed)
        return chain.filter(exchange).then(Mono.fromRunnable(() -> {
            Connection connection = exchange.getAttribute(CLIENT_RESPONSE_CONN_ATTR);
            if (connection != null && !(connection instanceof Guarded)) {
                exchange.getAttributes().put(CLIENT_RESPONSE_CONN_ATTR, guard(connection));
            }
        }));
    }

    /** The request's connection, as the routing filter stored it, disposed only while it still carries the request. */
    static Connection guard(Connection operations) {
        return new Guarded(operations, operations.channel());
    }

    /**
     * What Spring Cloud Gateway reads of the stored connection: its answer's body and its channel, and what it disposes.
     *
     * @param operations the request's own operations on the connection
     * @param channel    the connection's channel, taken while the operations held it (once they end they report a
     *                   stand-in)
     */
    private record Guarded(Connection operations, Channel channel) implements Connection {

        @Override
        public NettyInbound inbound() {
            return operations.inbound();
        }

        @Override
        public NettyOutbound outbound() {
            return operations.outbound();
        }

        @Override
        public boolean isDisposed() {
            return operations.isDisposed();
        }

        @Override
        public void dispose() {
            try {
                channel.eventLoop().execute(() -> {
                    if (Connection.from(channel) == operations) { // the channel's current operations
                        operations.dispose();
                    }
                });
            } catch (RejectedExecutionException stopped) {
                operations.dispose(); // the edge is stopping: its loops hand nothing over any more
            }
        }
    }
}
