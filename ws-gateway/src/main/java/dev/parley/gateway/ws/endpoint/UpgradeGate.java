package dev.parley.gateway.ws.endpoint;

import dev.parley.gateway.ws.session.AuthenticatedUser;
import dev.parley.gateway.ws.session.PendingAuthentications;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;

/**
 * The HTTP side of a connection, before it is a WebSocket: a request for anything but {@code GET /ws} is
 * answered 404 or 405 here (this port serves nothing else), a problem document like every refusal; an upgrade
 * request goes through the {@link UpgradeChecks} on a connection worker — reading pauses meanwhile — and is then
 * refused with their response, or passed on to be upgraded with its user or its place among the connections still
 * to authenticate ({@link #USER}, {@link #PLACE}).
 */
final class UpgradeGate extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(UpgradeGate.class);

    static final AttributeKey<AuthenticatedUser> USER = AttributeKey.valueOf(AuthenticatedUser.class.getName());
    /** Set on a connection accepted beyond the server's cap: its upgrade is refused 503. */
    static final AttributeKey<Boolean> FULL = AttributeKey.valueOf(UpgradeGate.class.getName() + ".full");
    static final AttributeKey<PendingAuthentications.Place> PLACE =
            AttributeKey.valueOf(PendingAuthentications.Place.class.getName());

    private final String path;
    private final UpgradeChecks checks;
    private final Executor workers;

    UpgradeGate(String path, UpgradeChecks checks, Executor workers) {
        this.path = path;
        this.checks = checks;
        this.workers = workers;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (!(message instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(message);
            return;
        }
        if (!isUpgradePath(request.uri())) {
            ReferenceCountUtil.release(request);
            respond(ctx, checks.notFound());
            return;
        }
        if (!HttpMethod.GET.equals(request.method())) {
            ReferenceCountUtil.release(request);
            respond(ctx, checks.methodNotAllowed());
            return;
        }
        if (Boolean.TRUE.equals(ctx.channel().attr(FULL).get())) {
            ReferenceCountUtil.release(request);
            respond(ctx, checks.full());
            return;
        }
        releasePlace(ctx); // a second request on a connection whose first upgrade failed
        String address = checks.clientAddress(ctx.channel().remoteAddress(), request.headers());
        ctx.channel().config().setAutoRead(false);
        try {
            workers.execute(() -> {
                UpgradeChecks.Verdict verdict;
                try {
                    verdict = checks.check(request.headers(), address);
                } catch (RuntimeException e) {
                    log.warn("Could not check an upgrade request", e);
                    verdict = null;
                }
                UpgradeChecks.Verdict decided = verdict;
                ctx.executor().execute(() -> decide(ctx, request, decided));
            });
        } catch (RejectedExecutionException e) { // stopping
            ReferenceCountUtil.release(request);
            respond(ctx, checks.stopping());
        }
    }

    /** On the event loop; {@code verdict} is {@code null} when the checks failed. */
    private void decide(ChannelHandlerContext ctx, FullHttpRequest request, UpgradeChecks.Verdict verdict) {
        ctx.channel().config().setAutoRead(true);
        if (verdict == null) {
            ReferenceCountUtil.release(request);
            respond(ctx, checks.failed());
            return;
        }
        switch (verdict) {
            case UpgradeChecks.Refused refused -> {
                ReferenceCountUtil.release(request);
                respond(ctx, refused);
            }
            case UpgradeChecks.Accepted accepted -> {
                ctx.channel().attr(USER).set(accepted.user());
                ctx.channel().attr(PLACE).set(accepted.place());
                if (!ctx.channel().isActive()) {
                    ReferenceCountUtil.release(request);
                    releasePlace(ctx);
                    return;
                }
                ctx.fireChannelRead(request);
            }
        }
    }

    private boolean isUpgradePath(String uri) {
        return uri.equals(path) || uri.startsWith(path + "?");
    }

    /** The place a connection holds that never became a session; given back once. */
    static void releasePlace(ChannelHandlerContext ctx) {
        PendingAuthentications.Place place = ctx.channel().attr(PLACE).getAndSet(null);
        if (place != null) {
            place.release();
        }
    }

    private static void respond(ChannelHandlerContext ctx, UpgradeChecks.Refused refused) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, refused.status(),
                Unpooled.wrappedBuffer(refused.problem()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        refused.headers().forEach(response.headers()::set);
        send(ctx, response);
    }

    private static void send(ChannelHandlerContext ctx, FullHttpResponse response) {
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
