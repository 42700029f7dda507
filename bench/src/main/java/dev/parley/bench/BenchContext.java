package dev.parley.bench;

import dev.parley.bench.api.BenchUser;
import dev.parley.bench.api.BenchUsers;
import dev.parley.bench.api.ParleyApi;
import dev.parley.bench.measure.CompileTime;
import dev.parley.bench.measure.ProcessSampler;
import dev.parley.bench.measure.ResourceUsage;
import dev.parley.bench.report.Progress;
import dev.parley.bench.ws.SourceAddresses;
import dev.parley.bench.ws.WsClient;
import dev.parley.infra.launcher.Component;
import dev.parley.infra.launcher.Platform;
import dev.parley.infra.launcher.Replica;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** What a workload runs against and with: the platform (ports, processes), the API, options and progress output. */
public record BenchContext(String workload, BenchOptions options, Platform platform, Path checkout,
                           Progress progress) {

    private static final Duration PLATFORM_WARM_UP = Duration.ofSeconds(60);
    public static final Duration PLATFORM_WARM_UP_MAX = Duration.ofMinutes(5);
    /**
     * The least warm-up of W1, W3, W4 and hostile on a warm platform: one slice, for the load generator itself, a new
     * JVM in every run. Its JIT went on for the first ~12 s of W1's measured phase at ~0.3 of a core, on the cores
     * the platform was measured on, while the ceiling, measured after it, met a warm load generator.
     */
    private static final Duration LOAD_GENERATOR_WARM_UP = Duration.ofSeconds(PlatformWarmUp.SLICE_SECONDS);
    /** The load generator's part in the warm-up's compile times. */
    private static final String LOAD_GENERATOR = "the load generator";
    /** The platform's processes that have carried a workload's load: one {@code id pid start} line each. */
    private static final String LOADED_PROCESSES = "bench-loaded-processes";

    /**
     * Unmeasured load before a workload's own warm-up when the platform is cold: JVMs that have not carried this
     * load yet are still compiling it (here the first W1 after a start measured p99 200 ms with the machine at
     * 1.9 cores, the next ones 18 ms; a platform left idle for minutes after {@code ./parley up} is as cold). 60 s
     * when any of the platform's processes has not been through a workload since it started — as when
     * {@code ./parley bench} started it, or after a restart — otherwise none; {@code --platform-warmup} overrides.
     * A workload says when its load has run with {@link #platformLoaded()}: a run that fails before that (say, in
     * its set-up) leaves the platform as cold as it found it.
     */
    Duration platformWarmUp() {
        return platformWarmUp(PLATFORM_WARM_UP, "");
    }

    /** @param then what follows the warm-up's minimum, as the progress line says it */
    private Duration platformWarmUp(Duration whenCold, String then) {
        boolean cold = !readLines(loadedProcessesFile()).containsAll(runningProcesses());
        Duration warmUp = options.duration("platform-warmup", cold ? whenCold : Duration.ZERO);
        if (!warmUp.isZero()) {
            progress.say(String.format("  %d s of unmeasured load first%s, while the JVMs compile "
                    + "(--platform-warmup)%s", warmUp.toSeconds(),
                    cold ? ": a platform process has not carried a workload since it started" : "", then));
        }
        return warmUp;
    }

    /**
     * The platform warm-up of W1, W3 and W4 (and hostile's, with its own minimum): {@link #platformWarmUp()} at least,
     * then on for as long as a platform JVM or the load generator is still compiling, up to
     * {@code --platform-warmup-max} (5 minutes). On a warm platform it is {@value PlatformWarmUp#SLICE_SECONDS} s at
     * least, for the load generator; none when {@code --platform-warmup} says so.
     */
    public PlatformWarmUp platformWarmUpUntilCompiled() {
        return platformWarmUpUntilCompiled(PLATFORM_WARM_UP);
    }

    /** As {@link #platformWarmUpUntilCompiled()}, for a workload whose load reaches more code than chat does. */
    public PlatformWarmUp platformWarmUpUntilCompiled(Duration whenCold) {
        Duration maximum = options.duration("platform-warmup-max", PLATFORM_WARM_UP_MAX);
        String then = String.format(", then on while one still compiles, %d s at most (--platform-warmup-max)",
                maximum.toSeconds());
        Duration minimum = platformWarmUp(whenCold, then);
        if (minimum.isZero() && !options.has("platform-warmup")) {
            minimum = LOAD_GENERATOR_WARM_UP;
            progress.say(String.format("  %d s of unmeasured load first, while the load generator's JVM compiles%s",
                    minimum.toSeconds(), then));
        }
        return minimum.isZero() ? PlatformWarmUp.none()
                : new PlatformWarmUp(minimum, maximum, this::compileTimes, progress);
    }

    /** Each platform JVM's JIT compile time so far, by its part of the platform, and the load generator's. */
    private Map<String, Duration> compileTimes() {
        Map<String, Duration> times = new TreeMap<>();
        platform.processes().forEach((part, process) ->
                CompileTime.of(process).ifPresent(time -> times.put(part, time)));
        CompileTime.of(ProcessHandle.current()).ifPresent(time -> times.put(LOAD_GENERATOR, time));
        return times;
    }

    /** Notes that the platform's processes running now have carried a workload's load (its warm-up included). */
    public void platformLoaded() {
        Path loaded = loadedProcessesFile();
        try {
            Files.write(loaded, runningProcesses());
        } catch (IOException e) {
            progress.say("  could not note the loaded processes in " + loaded + ": " + e.getMessage());
        }
    }

    private Set<String> runningProcesses() {
        return platform.processes().entrySet().stream()
                .map(process -> process.getKey() + " " + process.getValue().pid() + " "
                        + process.getValue().info().startInstant().map(Instant::toString).orElse("-"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private Path loadedProcessesFile() {
        return platform.layout().home().resolve(LOADED_PROCESSES);
    }

    private static Set<String> readLines(Path file) {
        try {
            return Files.exists(file) ? new HashSet<>(Files.readAllLines(file)) : Set.of();
        } catch (IOException e) {
            return Set.of();
        }
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
