package dev.parley.gateway.api;

import dev.parley.platform.web.RetryAfter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;

/**
 * A slow client cannot hold a service's thread with its request body (ADR 0029). The services read bodies on
 * platform threads (Tomcat's 200, ADR 0010), and the edge used to stream every body through as it came: a client
 * sending a byte every few seconds held a thread per request, and at the 300 requests/s an address may make, a few
 * hundred such requests held them all.
 * <ul>
 * <li>A body other than an upload — JSON, at most 64 KiB ({@link RequestBodyLimit}) — is read whole at the edge
 * within {@code parley.edge.slow-clients.body-timeout} (10 s) before the request goes on: a service only ever gets
 * a complete body, at once. One later than that is answered 408 {@code request_timeout} and its connection closed;
 * no service has seen the request. What one client address may make the edge hold is bounded: its bodies arriving
 * at once may declare {@code body-bytes-per-address} (2 MB) together — a chunked one counts as 64 KiB — and one more
 * is 429 {@code rate_limited} before it is read (a first always fits). Counted as declared, not by requests: a burst
 * of small bodies from one address (a NAT, a bot) takes next to nothing of it. So is what all addresses together may
 * make this instance hold (ADR 0030): {@code body-bytes-per-instance} (64 MB) counted the same way, and one more is
 * 503 {@code service_unavailable} with {@code Retry-After} (the edge's word for "no room now", as for a {@code /ws}
 * beyond its cap). A body is copied out of Netty's buffers as it arrives, so what is counted is what is held.
 * <li>An upload ({@code POST /api/files}, up to 25 MB) streams through, never held: it must bring at least
 * {@code upload-min-rate} (4 KB/s) in every {@code upload-window} (10 s) and end within {@code upload-max-duration}
 * (10 min), or it is cut off — message-service sees its connection end and lets go — and answered 408 as well.
 * Its answer is awaited from its last byte on ({@link #uploadsAnswerInTime}), not from its first.
 * </ul>
 * Requests without a body (the {@code /ws} upgrade among them) pass untouched.
 */
@Component
class RequestBodyDeadline implements WebFilter, Ordered {

    /** A body that did not arrive in time; {@link EdgeErrorHandler} answers it 408 and closes the connection. */
    static final class TooSlow extends ResponseStatusException {

        TooSlow(String detail) {
            super(HttpStatus.REQUEST_TIMEOUT, detail);
        }

        /** A client's pace, not a fault: where it was found says nothing (Reactor Netty logs it for a cut upload). */
        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private static final String ARRIVING = "body-bytes-arriving-per-address";
    /** The one key of {@link #inAll}. */
    private static final String INSTANCE = "instance";
    /** A body arriving now is done within the body timeout at the latest, most within milliseconds. */
    private static final long RETRY_AFTER_MS = 1000;

    private final SlowClientProperties limits;
    private final InFlight arriving;
    private final InFlight inAll;
    private final long unknownLength;
    private final ClientAddress clients;
    private final EdgeProblems problems;
    private final MeterRegistry meters;

    RequestBodyDeadline(SlowClientProperties limits, RequestBodyLimit sizes, ClientAddress clients, EdgeProblems problems,
                        MeterRegistry meters) {
        this.limits = limits;
        this.arriving = new InFlight(limits.bodyBytesPerAddress().toBytes());
        this.inAll = new InFlight(limits.bodyBytesPerInstance().toBytes());
        this.unknownLength = sizes.jsonMaxBytes();
        this.clients = clients;
        this.problems = problems;
        this.meters = meters;
        Gauge.builder("parley.edge.body.arriving", inAll, all -> all.amountOf(INSTANCE)).baseUnit("bytes")
                .description("Bytes of request bodies arriving at this edge at once, as declared (ADR 0030)")
                .register(meters);
    }

    /**
     * The upload's route waits for its answer without a limit (application.yml): the response limit (30 s) counts
     * from the request's start, so every upload longer than that was a 504. Here the limit counts from the upload's
     * last byte sent to message-service on instead (Reactor Netty's response timeout), and is 504 as before.
     */
    @Bean
    static HttpClientCustomizer uploadsAnswerInTime(
            @Value("${spring.cloud.gateway.server.webflux.httpclient.response-timeout:30s}") Duration answerTimeout) {
        return client -> client.doOnRequest((request, connection) -> {
            if ("POST".equals(request.method().name()) && RequestBodyLimit.UPLOAD_PATH.equals(request.fullPath())) {
                request.responseTimeout(answerTimeout);
            }
        });
    }

    /** After the rate limits (-98) and {@link UploadsInFlight} (-97): a refused request's body is never read. */
    @Override
    public int getOrder() {
        return -96;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!hasBody(request.getHeaders())) {
            return chain.filter(exchange);
        }
        if (RequestBodyLimit.isUpload(request)) {
            return chain.filter(exchange.mutate().request(paced(request)).build());
        }
        String address = Objects.requireNonNullElse(clients.of(request), "unknown");
        long declared = request.getHeaders().getContentLength();
        long bytes = declared >= 0 ? declared : unknownLength;
        return Mono.defer(() -> {
            if (!arriving.enter(address, bytes)) {
                EdgeRateLimits.refused(meters, ARRIVING);
                return problems.rateLimited(exchange, ARRIVING + ": " + arriving.most() + " bytes", RETRY_AFTER_MS);
            }
            if (!inAll.enter(INSTANCE, bytes)) {
                arriving.leave(address, bytes);
                return noRoom(exchange);
            }
            return request.getBody()
                    .collect(() -> new Arrived(declared, unknownLength), Arrived::add)
                    .timeout(after(limits.bodyTimeout(), WebSocketRelay.clientChannel(request).eventLoop()),
                            Mono.error(() -> new TooSlow(
                                    "The request body did not arrive within " + limits.bodyTimeout().toMillis() + " ms.")))
                    .map(Arrived::bytes)
                    .doFinally(signal -> {
                        inAll.leave(INSTANCE, bytes);
                        arriving.leave(address, bytes);
                    })
                    .onErrorResume(AbortedException.class, clientGone -> Mono.empty()) // nobody left to answer
                    .flatMap(body -> chain.filter(exchange.mutate().request(whole(request, body)).build()));
        });
    }

    /** This instance holds as many bodies as it may: not the client's doing, and over as soon as some have arrived. */
    private Mono<Void> noRoom(ServerWebExchange exchange) {
        Counter.builder("parley.edge.body.refused")
                .description("Requests answered 503 because this edge had its most of body bytes arriving (ADR 0030)")
                .register(meters).increment();
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(RetryAfter.seconds(RETRY_AFTER_MS)));
        return problems.write(exchange, EdgeError.SERVICE_UNAVAILABLE, "The edge has as many request bodies arriving "
                + "as it may hold (" + inAll.most() + " bytes); try again shortly.");
    }

    /**
     * A timer on the connection's own event loop, where the body is read: unlike Reactor's shared timer threads, it
     * wakes no other thread to be set or cancelled, which on every request with a body was measurable.
     */
    private static Mono<Long> after(Duration delay, EventLoop loop) {
        return Mono.create(sink -> {
            ScheduledFuture<?> due = loop.schedule(() -> sink.success(0L), delay.toMillis(), TimeUnit.MILLISECONDS);
            sink.onCancel(() -> due.cancel(false));
        });
    }

    /** HTTP/1.1: a request has a body when it declares a length above 0 or a transfer coding (chunked). */
    private static boolean hasBody(HttpHeaders headers) {
        long declared = headers.getContentLength();
        return declared > 0 || declared < 0 && headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }

    /**
     * A body's bytes, copied out of Netty's buffers as they come and each buffer released at once: a body trickled in
     * many small reads would otherwise hold a pooled buffer per read, far more than its bytes (ADR 0030), and a request
     * no one goes on to read leaks nothing.
     */
    private static final class Arrived {

        private final int most;
        private byte[] bytes;
        private int size;

        /**
         * {@code declared}: at most the JSON limit ({@link RequestBodyLimit} refused more), held from the start; -1:
         * chunked, grown as it comes, up to that limit (where {@link RequestBodyLimit} cuts it off).
         */
        Arrived(long declared, long most) {
            this.most = (int) most;
            this.bytes = new byte[(int) Math.max(0, declared)];
        }

        void add(DataBuffer buffer) {
            try {
                int count = buffer.readableByteCount();
                if (size + count > bytes.length) {
                    bytes = Arrays.copyOf(bytes, Math.max(size + count, Math.min(2 * bytes.length, most)));
                }
                buffer.read(bytes, size, count);
                size += count;
            } finally {
                DataBufferUtils.release(buffer);
            }
        }

        byte[] bytes() {
            return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        }
    }

    private static ServerHttpRequest whole(ServerHttpRequest request, byte[] body) {
        return new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body)));
            }
        };
    }

    private ServerHttpRequest paced(ServerHttpRequest request) {
        return new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> {
                    AtomicLong inWindow = new AtomicLong();
                    return super.getBody()
                            .doOnNext(buffer -> inWindow.addAndGet(buffer.readableByteCount()))
                            .takeUntilOther(tooSlow(inWindow));
                });
            }
        };
    }

    /** Never emits; fails as soon as the upload broke its pace: too little in a window, or not done in time. */
    private Flux<Void> tooSlow(AtomicLong inWindow) {
        long leastPerWindow = limits.uploadMinBytesPerWindow();
        Flux<Void> everyWindow = Flux.interval(limits.uploadWindow(), limits.uploadWindow())
                .<Void>handle((window, sink) -> {
                    if (inWindow.getAndSet(0) < leastPerWindow) {
                        sink.error(new TooSlow("The upload brought less than " + leastPerWindow + " bytes in "
                                + limits.uploadWindow().toMillis() + " ms."));
                    }
                });
        Mono<Void> atTheEnd = Mono.delay(limits.uploadMaxDuration()).then(Mono.error(() -> new TooSlow(
                "The upload did not end within " + limits.uploadMaxDuration().toSeconds() + " s.")));
        return Flux.merge(everyWindow, atTheEnd);
    }
}
