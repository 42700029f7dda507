package dev.parley.infra.launcher;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import tools.jackson.databind.json.JsonMapper;

/** Is a component ready? Infrastructure says READY in its log; a service answers /actuator/health UP. */
final class HealthProbe {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PlatformLayout layout;

    HealthProbe(PlatformLayout layout) {
        this.layout = layout;
    }

    /** @param logOffset where this run's output starts in the (appended) log file */
    boolean isReady(Component component, long logOffset) {
        return component.isService() ? "UP".equals(status(component)) : saidReady(component, logOffset);
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

    private boolean saidReady(Component component, long logOffset) {
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
