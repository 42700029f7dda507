package dev.parley.bench.faults;

import dev.parley.bench.api.BenchUsers;
import dev.parley.bench.api.ParleyApi;
import dev.parley.bench.ws.WsClient;
import dev.parley.bench.ws.WsConnection;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * What a well-written client does with its connection, on a thread of its own: connect (logging in again
 * over HTTP when the token expires or is refused), subscribe from the last seq it has contiguously, page
 * the rest over HTTP after {@code recovered:false}, flush unacked sends oldest first within the allowance —
 * and on any close or failed connect, wait a jittered exponential backoff and do it again.
 */
final class ClientLoop implements Runnable {

    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long TOKEN_MARGIN_SECONDS = 60;

    private final FaultClient client;
    private final WsClient ws;
    private final ParleyApi api;
    private final Backoff backoff;
    private final long ackTimeoutNanos;
    private volatile boolean stopping;
    private String token;

    ClientLoop(FaultClient client, WsClient ws, ParleyApi api, Backoff backoff, Duration ackTimeout) {
        this.client = client;
        this.ws = ws;
        this.api = api;
        this.backoff = backoff;
        this.ackTimeoutNanos = ackTimeout.toNanos();
        this.token = client.identity.user().token();
    }

    void stop() {
        stopping = true;
    }

    @Override
    public void run() {
        while (!stopping) {
            if ((client.takeUnauthorized() || AccessToken.expiresWithin(token, TOKEN_MARGIN_SECONDS)) && !logIn()) {
                pause(backoff.next());
                continue;
            }
            WsConnection connection = connect();
            if (connection == null) {
                pause(backoff.next());
                continue;
            }
            converse(connection);
            if (stopping) {
                connection.close();
            } else {
                pause(backoff.next());
            }
        }
    }

    private boolean logIn() {
        try {
            token = BenchUsers.logInAgain(api, client.identity.user().username());
            return true;
        } catch (RuntimeException e) {
            client.connectFailed("login " + e.getMessage(), false);
            return false;
        }
    }

    private WsConnection connect() {
        WsConnection connection = ws.connect(client.identity.endpoint(), token, client.identity.index(), client);
        try {
            connection.ready().get(30, TimeUnit.SECONDS);
            client.opened(connection, System.nanoTime());
            return connection;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            boolean refused = cause instanceof WebSocketClientHandshakeException handshake && handshake.response() != null
                    && handshake.response().status().code() == 401;
            client.connectFailed(describe(cause), refused);
            if (connection.closeCode() > 0) { // closed with a code before ready (4008: one connection too many)
                client.closedBeforeReady(connection.closeCode(), connection.closeReason());
            }
        } catch (TimeoutException e) {
            client.connectFailed("no ready within 30 s", false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
        connection.close();
        return null;
    }

    /** One connection's life: subscribe, keep the ledger flowing, until it closes or the run ends. */
    private void converse(WsConnection connection) {
        while (!stopping && connection.isOpen()) {
            switch (client.pump(System.nanoTime(), ackTimeoutNanos)) {
                case NOT_RECOVERED -> catchUpOverHttp(client.leaveForPaging());
                case LIVE -> backoff.reset();
                default -> { }
            }
            if (client.tokenRefused()) {
                connection.close(); // log in again, then reconnect
                return;
            }
            LockSupport.parkNanos(TICK_NANOS);
        }
    }

    /** {@code recovered:false}: reads (contiguous, head] page by page; the next subscribe resumes after it. */
    private void catchUpOverHttp(long headSeq) {
        try {
            HistoryPaging.readAfter(client.contiguous(), headSeq,
                    (after, limit) -> api.messagesAfter(client.identity.roomId(), after, limit, token),
                    message -> client.paged(message.seq()));
        } catch (RuntimeException e) {
            client.connectFailed("history paging " + e.getMessage(), false);
            pause(backoff.next());
        }
    }

    /** Why a connect failed, short enough to count by: the HTTP status of a refused upgrade, or the first words. */
    private static String describe(Throwable cause) {
        if (cause instanceof WebSocketClientHandshakeException handshake && handshake.response() != null) {
            return "HTTP " + handshake.response().status().code();
        }
        String message = String.valueOf(cause.getMessage()).replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}|/[0-9.:]+", "");
        return cause.getClass().getSimpleName() + ": " + message.substring(0, Math.min(60, message.length()));
    }

    private void pause(Duration delay) {
        long until = System.nanoTime() + delay.toNanos();
        while (!stopping && System.nanoTime() - until < 0) {
            LockSupport.parkNanos(Math.min(TICK_NANOS * 5, until - System.nanoTime()));
        }
    }
}
