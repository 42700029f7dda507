package dev.parley.gateway.api;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for every service behind the edge: answers each request 200 "served", and counts them. A request whose
 * query holds {@code stub-busy} is answered 503 with {@code Retry-After}, as a service too busy to take it; one whose
 * query holds {@code stub-status=N} is answered N.
 */
final class StubService implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger served = new AtomicInteger();

    StubService() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            served.incrementAndGet();
            String query = exchange.getRequestURI().getRawQuery();
            boolean busy = query != null && query.contains("stub-busy");
            byte[] body = (busy ? "busy" : "served").getBytes(StandardCharsets.UTF_8);
            if (busy) {
                exchange.getResponseHeaders().set("Retry-After", "1");
            }
            int status = busy ? 503 : query != null && query.matches(".*stub-status=\\d{3}.*")
                    ? Integer.parseInt(query.replaceFirst(".*stub-status=(\\d{3}).*", "$1")) : 200;
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int served() {
        return served.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
