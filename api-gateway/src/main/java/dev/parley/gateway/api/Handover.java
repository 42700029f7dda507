package dev.parley.gateway.api;

import dev.parley.handoff.ConnectionHandoff;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * A client's {@code /ws} connection given to ws-gateway on this host, after its upgrade request went
 * through the edge's filters (ADR 0023): the socket itself and the upgrade request ws-gateway is to read
 * pass over ws-gateway's hand-off socket, and from then on no byte of the connection passes the edge.
 * Until ws-gateway has it the connection is still the HTTP server's, so a ws-gateway that does not take
 * it is a 503 the client can retry.
 */
final class Handover {

    private Handover() {
    }

    /** A plain connection on epoll can be handed over; TLS state cannot travel with the socket. */
    static boolean possible(Channel client) {
        return ConnectionHandoff.canHandOff(client) && client.pipeline().get(SslHandler.class) == null;
    }

    /** Completes once the edge has let go of the connection: its own descriptor closed, the client's connection ws-gateway's. */
    static Mono<Void> handOver(Channel client, Path socket, String upgradeRequest, Duration timeout) {
        return Mono.create(sink -> client.eventLoop().execute(() -> {
            client.config().setAutoRead(false); // what the client sends next is ws-gateway's to read
            ConnectionHandoff.handOff((EpollSocketChannel) client, socket,
                    Unpooled.copiedBuffer(upgradeRequest, StandardCharsets.ISO_8859_1), timeout).addListener(done -> {
                        if (done.isSuccess()) {
                            client.closeFuture().addListener(closed -> sink.success());
                            client.close();
                        } else {
                            client.config().setAutoRead(true);
                            sink.error(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                                    "ws-gateway did not take the connection", done.cause()));
                        }
                    });
        }));
    }
}
