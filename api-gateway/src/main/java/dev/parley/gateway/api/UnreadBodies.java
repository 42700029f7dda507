package dev.parley.gateway.api;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * A request answered before its body has all arrived — refused before it was read (401, 403, 413, 429, 503, …) or
 * answered by a service that stopped reading (an upload refused half-way) — leaves the rest of its body on the
 * connection. Reactor Netty reads and drops that rest, so that the connection can carry the next request, for as long
 * as it takes: each dropped piece is activity to the idle timeout, so a client trickling the rest held the connection
 * for as long as it liked (ADR 0030). Here, between Netty's HTTP codec and Reactor Netty, the rest must be in within
 * {@code parley.edge.slow-clients.body-timeout} (10 s) of the answer — the bound any body has — or the connection is
 * closed. A well-behaved client's refused body mostly came with its head, or comes at the pace of the network, and its
 * keep-alive connection goes on; a large one that comes fast is still read to its end, so its client gets the answer
 * instead of a reset connection half-way through sending.
 */
@Component
class UnreadBodies implements NettyServerCustomizer {

    private final long drainMillis;

    UnreadBodies(SlowClientProperties limits) {
        this.drainMillis = limits.bodyTimeout().toMillis();
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remote) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, "parley.unreadBodies", new Drain());
            }
        });
    }

    /** One per connection: Netty calls it from the connection's event loop only. */
    private final class Drain extends ChannelDuplexHandler {

        /** Requests whose head has come and whose answer has not all gone: more than one only when pipelined. */
        private int unanswered;
        /** The latest request's body has not all arrived. */
        private boolean arriving;
        private ScheduledFuture<?> drainDue;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) {
                unanswered++;
                arriving = true;
            }
            if (msg instanceof LastHttpContent) {
                arriving = false;
                stopDrainDue();
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof LastHttpContent && !(msg instanceof HttpResponse answer
                    && answer.status().codeClass() == HttpStatusClass.INFORMATIONAL)) { // not 100 Continue
                // pipelined requests: only the answer to the latest one can leave its body unread
                if (arriving && unanswered == 1) {
                    drainDue = ctx.executor().schedule(() -> {
                        if (arriving) {
                            ctx.close();
                        }
                    }, drainMillis, TimeUnit.MILLISECONDS);
                }
                unanswered = Math.max(0, unanswered - 1);
            }
            ctx.write(msg, promise);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            stopDrainDue();
            ctx.fireChannelInactive();
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            stopDrainDue();
        }

        private void stopDrainDue() {
            if (drainDue != null) {
                drainDue.cancel(false);
                drainDue = null;
            }
        }
    }
}
