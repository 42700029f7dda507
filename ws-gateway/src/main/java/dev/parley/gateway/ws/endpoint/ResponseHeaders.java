package dev.parley.gateway.ws.endpoint;

import dev.parley.platform.web.EveryResponse;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Contract §7's headers ({@link EveryResponse}) on every HTTP answer this port writes: the {@code 101} of an upgrade
 * and every refusal. A connection the edge hands over (ADR 0023) gets its answer from here, not from the edge, so the
 * edge cannot add them. Once the {@code 101} has gone the connection speaks WebSocket frames only, and this handler
 * leaves the pipeline.
 */
final class ResponseHeaders extends ChannelOutboundHandlerAdapter {

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse response) {
            EveryResponse.HEADERS.forEach(response.headers()::set);
            ctx.write(msg, promise);
            if (response.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
                ctx.pipeline().remove(this);
            }
            return;
        }
        ctx.write(msg, promise);
    }
}
