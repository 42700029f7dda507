package dev.parley.bench;

import dev.parley.bench.api.BenchUser;
import dev.parley.bench.api.BenchUsers;
import dev.parley.bench.api.ParleyApi;
import dev.parley.bench.measure.ProcessSampler;
import dev.parley.bench.measure.ResourceUsage;
import dev.parley.bench.report.Progress;
import dev.parley.bench.ws.SourceAddresses;
import dev.parley.bench.ws.WsClient;
import dev.parley.infra.launcher.Component;
import dev.parley.infra.launcher.Platform;
import dev.parley.infra.launcher.Replica;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a workload runs against and with: the platform (ports, processes), the API, options and progress output. */
public record BenchContext(String workload, BenchOptions options, Platform platform, Path checkout,
                           Progress progress) {

    /** A service process younger than this is taken to be still compiling its hot code. */
    private static final Duration FRESH = Duration.ofMinutes(2);
    private static final Duration PLATFORM_WARM_UP = Duration.ofSeconds(60);

    /**
     * Unmeasured load before a workload's own warm-up when the platform is fresh: the JVMs of a platform
     * started minutes ago are still compiling (here the first W1 after a start measured p99 200 ms with the
     * machine at 1.9 cores, the next ones 18 ms). 60 s when a platform process started less than 2 minutes
     * ago — as when {@code ./parley bench} started it — otherwise none; {@code --platform-warmup} overrides.
     */
    public Duration platformWarmUp() {
        return platformWarmUp(PLATFORM_WARM_UP);
    }

    /** As {@link #platformWarmUp()}, for a workload whose load reaches more code than chat does. */
    public Duration platformWarmUp(Duration whenFresh) {
        Instant freshAfter = Instant.now().minus(FRESH);
        boolean fresh = platform.processes().values().stream()
                .flatMap(process -> process.info().startInstant().stream())
                .anyMatch(started -> started.isAfter(freshAfter));
        Duration warmUp = options.duration("platform-warmup", fresh ? whenFresh : Duration.ZERO);
        if (!warmUp.isZero()) {
            progress.say(String.format("  %d s of unmeasured load first%s, while the JVMs compile (--platform-warmup)",
                    warmUp.toSeconds(), fresh ? ": the platform started less than 2 minutes ago" : ""));
        }
        return warmUp;
    }

    public ParleyApi api() {
        return new ParleyApi(options.string("api", "http://127.0.0.1:" + platform.layout().port(Component.API_GATEWAY)));
    }

    /** Users {@code 0 … count−1}: kept between runs in the users cache unless {@code --users-cache none}. */
    public List<BenchUser> users(ParleyApi api, int count) {
        String cache = options.string("users-cache", platform.layout().home().resolve("bench-users.properties")
                .toString());
        BenchUsers users = new BenchUsers(api, options.string("user-prefix", "bench"),
                cache.equals("none") ? null : Path.of(cache), options.integer("setup-concurrency", 8));
        progress.say("  logging in " + count + " users (registering those that do not exist yet)");
        return users.obtain(count, progress::say);
    }

    public WsClient client() {
        return new WsClient(options.integer("threads", 2),
                SourceAddresses.parse(options.string("source-addresses", "127.0.0.2-127.0.0.9")));
    }

    /**
     * The WebSocket entry clients use: the public entry, the api-gateway's {@code /ws} (default), or straight
     * to ws-gateway ({@code --via ws-gateway}), a path no client takes — the result labels it so.
     */
    public WebSocketEntry webSocket() {
        String via = options.string("via", "api-gateway");
        return switch (via) {
            case "api-gateway" -> WebSocketEntry.publicEntry(webSocketUri(platform.layout().port(Component.API_GATEWAY)),
                    platform.layout().handoffSocket().isPresent());
            case "ws-gateway" -> WebSocketEntry.direct(webSocketUri(platform.layout().webSocketPort()),
                    Component.WS_GATEWAY.id());
            default -> throw new IllegalArgumentException("--via is api-gateway or ws-gateway, not " + via);
        };
    }

    /** A second instance's own port: no public entry routes to it, so this is always a direct path. */
    public WebSocketEntry webSocket(Replica replica) {
        return WebSocketEntry.direct(webSocketUri(platform.layout().webSocketPort(replica)), replica.spec());
    }

    private static URI webSocketUri(int port) {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    /** Samples the platform's processes and the bench's own, once a second, from now. */
    public ProcessSampler sampler() {
        return new ProcessSampler(processGroups(), 1000).start();
    }

    /**
     * The root processes of each part of the platform, and the bench. PostgreSQL's server daemonizes
     * ({@code pg_ctl start}): it is no child of the launcher's postgres process, so it is added as a root.
     */
    public Map<String, List<ProcessHandle>> processGroups() {
        Map<String, List<ProcessHandle>> groups = new LinkedHashMap<>();
        platform.processes().forEach((name, process) -> groups.put(name, new ArrayList<>(List.of(process))));
        platform.server(Component.POSTGRES).ifPresent(server -> groups.computeIfAbsent(Component.POSTGRES.id(),
                name -> new ArrayList<>()).add(server));
        groups.put(ResourceUsage.BENCH, List.of(ProcessHandle.current()));
        return groups;
    }
}
