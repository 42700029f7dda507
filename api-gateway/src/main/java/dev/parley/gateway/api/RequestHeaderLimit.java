package dev.parley.gateway.api;

import dev.parley.platform.web.EveryResponse;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Contract §7: request headers up to 16 KiB ({@code server.max-http-request-header-size},
 * {@code PARLEY_MAX_HEADER_SIZE}). A request Netty cannot decode — headers over the limit, a request line
 * over 4 KiB, or no HTTP at all — never reaches Spring: Reactor Netty answers it itself (431, 414 or 400)
 * with an empty body and closes the connection. This handler, between Netty's HTTP codec and Reactor
 * Netty, notes the failure on the way in and puts a problem document (contract §2) and the headers of
 * {@link EveryResponse} into that answer on its way out; status, ordering and close stay Reactor Netty's.
 */
@Component
class RequestHeaderLimit implements NettyServerCustomizer {

    private final EdgeProblems problems;
    private final long maxHeaderBytes;

    RequestHeaderLimit(EdgeProblems problems, @Value("${server.max-http-request-header-size}") DataSize maxHeaderSize) {
        this.problems = problems;
        this.maxHeaderBytes = maxHeaderSize.toBytes();
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remote) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, "parley.decodingProblems", new DecodingProblems());
            }
        });
    }

    private record Problem(EdgeError error, String detail) {
    }

    private Problem problemFor(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TooLongHttpHeaderException) {
                return new Problem(EdgeError.REQUEST_HEADERS_TOO_LARGE,
                        "The request's headers may hold at most " + maxHeaderBytes + " bytes.");
            }
            if (cause instanceof TooLongHttpLineException) {
                return new Problem(EdgeError.URI_TOO_LONG, "The request line is too long.");
            }
        }
        return new Problem(EdgeError.BAD_REQUEST, "The request cannot be read as HTTP.");
    }

    /** One per connection: Netty calls it from the connection's event loop only. */
    private final class DecodingProblems extends ChannelDuplexHandler {

        private Problem pending;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request && request.decoderResult().isFailure()) {
                pending = problemFor(request.decoderResult().cause());
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (pending != null && msg instanceof FullHttpResponse answer
                    && answer.status().code() == pending.error().status().value() && answer.content().readableBytes() == 0) {
                byte[] body = problems.body(pending.error(), pending.error().status(), pending.detail(), null,
                        Map.of());
                FullHttpResponse withBody = answer.replace(Unpooled.wrappedBuffer(body));
                answer.release();
                withBody.headers().set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
                EveryResponse.HEADERS.forEach(withBody.headers()::set);
                pending = null;
                ctx.write(withBody, promise);
                return;
            }
            ctx.write(msg, promise);
        }
    }
}
