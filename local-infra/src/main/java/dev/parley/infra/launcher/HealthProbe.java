package dev.parley.infra.launcher;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Is a component ready? A service answers /actuator/health UP. Infrastructure says READY in its log once started,
 * then takes connections on its port.
 */
final class HealthProbe {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PlatformLayout layout;

    HealthProbe(PlatformLayout layout) {
        this.layout = layout;
    }

    /** The overall status from /actuator/health (UP, DOWN, …), or why there is none. */
    String status(Component component) {
        return status(layout.serviceUrl(component));
    }

    /** The same for the service answering at {@code serviceUrl} (an extra instance). */
    String status(String serviceUrl) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create(serviceUrl + "/actuator/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body()).path("status").asString("HTTP " + response.statusCode());
        } catch (IOException | RuntimeException e) {
            return "unreachable";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Whether the service answering at {@code serviceUrl} reports UP. */
    boolean isUp(String serviceUrl) {
        return "UP".equals(status(serviceUrl));
    }

    /** Whether something takes connections on this port of the loopback address. */
    boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether infrastructure said READY in its log since it was started.
     *
     * @param logOffset where this start's output begins in the (appended) log
     */
    boolean saidReady(Component component, long logOffset) {
        Path log = layout.logFile(component);
        if (!Files.exists(log)) {
            return false;
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length() - logOffset;
            if (length <= 0) {
                return false;
            }
            byte[] tail = new byte[(int) Math.min(length, 1 << 20)];
            file.seek(file.length() - tail.length);
            file.readFully(tail);
            return new String(tail, StandardCharsets.UTF_8).contains("READY " + component.id());
        } catch (IOException e) {
            return false;
        }
    }
}
