package dev.parley.gateway.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A client of the edge from a loopback address of its own: every address of 127.0.0.0/8 reaches the edge,
 * so tests can stand for different clients, each with its own per-address allowance.
 */
final class EdgeClient {

    private final HttpClient http;
    private final int port;
    private final InetAddress from;

    EdgeClient(int port, String from) {
        this.port = port;
        try {
            this.from = InetAddress.getByName(from);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).localAddress(this.from).build();
    }

    /** {@code headers}: name, value, name, value, … */
    HttpResponse<String> send(String method, String path, String token, String... headers) {
        return sendAsync(method, path, token, headers).join();
    }

    CompletableFuture<HttpResponse<String>> sendAsync(String method, String path, String token, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, method.equals("GET") || method.equals("OPTIONS") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}"));
        if (!method.equals("GET") && !method.equals("OPTIONS")) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The whole answer, head and body, to a request written as it is; it should ask for {@code Connection: close}. */
    String raw(String request) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The status code of a raw answer ("HTTP/1.1 431 …"). */
    static int status(String rawAnswer) {
        return Integer.parseInt(rawAnswer.substring(9, 12));
    }
}
