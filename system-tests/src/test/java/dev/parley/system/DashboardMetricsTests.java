package dev.parley.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.infra.launcher.Component;
import dev.parley.infra.launcher.Platform;
import dev.parley.system.Client.Socket;
import dev.parley.system.Client.User;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the Prometheus alert rules query only what the services really export.
 * <p>
 * The deployment module's checks (fast, every build) hold every metric name the dashboard and the alerts
 * query to {@code exported-metrics.txt} — each name with the service that exports it — or to
 * {@code proposed-metrics.txt}, names no service exports yet. This test keeps both lists honest against the
 * running platform: after a little traffic through the api-gateway (HTTP, a WebSocket send and its ack,
 * history reads that hit the cache) every listed name appears in its service's {@code /actuator/prometheus},
 * and no proposed name does (once a service exports it, it belongs in the first list). Every scrape is
 * written to {@code target/dashboard-metrics/<service>.txt}, the list to pick new names from.
 */
class DashboardMetricsTests {

    private static final Path LISTS = Path.of("").toAbsolutePath().getParent()
            .resolve("deployment/src/test/resources/observability");
    private static final List<Component> SERVICES = List.of(Component.AUTH_SERVICE, Component.ROOM_SERVICE,
            Component.MESSAGE_SERVICE, Component.WS_GATEWAY, Component.API_GATEWAY);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Platform platform = RunningPlatform.get();
    private final Client client = new Client(platform.layout().port(Component.API_GATEWAY));

    @Test
    void everyMetricTheDashboardAndAlertsQueryIsExportedByItsService() throws Exception {
        driveTraffic();
        Map<String, Set<String>> wanted = listed("exported-metrics.txt");
        Map<String, Set<String>> proposed = listed("proposed-metrics.txt");
        assertThat(wanted).as("the lists name the services").isNotEmpty();
        wanted.keySet().forEach(Component::byId); // an unknown service name fails here
        proposed.keySet().forEach(Component::byId);

        Map<Component, Set<String>> scraped = new EnumMap<>(Component.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Map<String, List<String>> missing;
        do {
            for (Component service : SERVICES) {
                scraped.put(service, scrape(service));
            }
            missing = absent(wanted, scraped);
            if (!missing.isEmpty()) {
                Thread.sleep(1000); // gauges and consumer metrics may need a poll or two after the traffic
            }
        } while (!missing.isEmpty() && System.nanoTime() < deadline);

        assertThat(missing).as("names the dashboard or alerts query that their service does not export "
                + "(scrapes in target/dashboard-metrics/)").isEmpty();
        assertThat(absent(Map.of("ws-gateway", Set.of("parley_ws_connections", "parley_ws_conections")), scraped))
                .as("the same comparison finds a misspelled name").isEqualTo(Map.of("ws-gateway", List.of("parley_ws_conections")));
        Map<String, List<String>> exportedAfterAll = new TreeMap<>();
        proposed.forEach((service, names) -> {
            List<String> found = names.stream()
                    .filter(name -> scraped.get(Component.byId(service)).contains(name)).toList();
            if (!found.isEmpty()) {
                exportedAfterAll.put(service, found);
            }
        });
        assertThat(exportedAfterAll).as("proposed metrics a service exports now: move them to exported-metrics.txt")
                .isEmpty();
    }

    /** A user sends a message over WebSocket, gets its ack, and reads the room's history twice. */
    private void driveTraffic() {
        User alice = client.newUser("dash");
        String roomId = client.call("POST", "/api/rooms", "{\"name\":\"metrics\",\"visibility\":\"public\"}",
                alice.token()).body().path("id").asString();
        Socket socket = client.connect(alice.token());
        socket.awaitType("ready");
        socket.send("{\"type\":\"subscribe\",\"roomId\":\"" + roomId + "\"}");
        socket.awaitType("subscribed");
        socket.send("{\"type\":\"send\",\"roomId\":\"" + roomId + "\",\"clientMsgId\":\"d1\",\"body\":\"hi\"}");
        socket.awaitType("ack");
        socket.awaitType("message");
        for (int i = 0; i < 2; i++) {
            assertThat(client.call("GET", "/api/rooms/" + roomId + "/messages", null, alice.token()).status())
                    .isEqualTo(200);
        }
        socket.close();
    }

    private Set<String> scrape(Component service) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + platform.layout().port(service) + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(service.id() + " /actuator/prometheus").isEqualTo(200);
        Path dump = Files.createDirectories(Path.of("target/dashboard-metrics")).resolve(service.id() + ".txt");
        Files.writeString(dump, response.body());
        // sample lines only: "name{labels} value" or "name value"
        return response.body().lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0])
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, List<String>> absent(Map<String, Set<String>> wanted, Map<Component, Set<String>> scraped) {
        Map<String, List<String>> missing = new TreeMap<>();
        wanted.forEach((service, names) -> {
            List<String> gone = new ArrayList<>(names);
            gone.removeAll(scraped.get(Component.byId(service)));
            if (!gone.isEmpty()) {
                missing.put(service, gone);
            }
        });
        return missing;
    }

    /**
     * Service → names, from {@code <services> <name>} lines: services comma-separated or {@code *} for all
     * five; {@code #} starts a comment (the format the deployment module's MetricCatalog reads).
     */
    private static Map<String, Set<String>> listed(String file) {
        try {
            Map<String, Set<String>> names = new TreeMap<>();
            for (String line : Files.readAllLines(LISTS.resolve(file))) {
                String content = line.replaceFirst("#.*", "").strip();
                if (content.isEmpty()) {
                    continue;
                }
                String[] fields = content.split("\\s+");
                List<String> services = fields[0].equals("*") ? SERVICES.stream().map(Component::id).toList()
                        : List.of(fields[0].split(","));
                for (String service : services) {
                    names.computeIfAbsent(service, s -> new TreeSet<>()).add(fields[1]);
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
