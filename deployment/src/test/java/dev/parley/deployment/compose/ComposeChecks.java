package dev.parley.deployment.compose;

import dev.parley.deployment.compose.ComposeFile.PublishedPort;
import dev.parley.deployment.compose.ComposeFile.Service;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The compose file against what the services read and serve. Each check answers the problems it finds
 * (empty: none), so a test can show a broken file is caught as well as that the real one passes.
 */
final class ComposeChecks {

    /** Contract §1: the infrastructure's ports. */
    private static final Map<String, Integer> INFRASTRUCTURE_PORTS = Map.of("kafka", 9092, "postgres", 5432, "redis", 6379);
    /** What every image runs its service with (ADR 0017); the probe is on it through service-starter. */
    static final String IMAGE_CLASSPATH = "@/app/jib-classpath-file";
    static final String PROBE_CLASS = "dev.parley.platform.probe.ReadinessProbe";
    private static final Pattern IMAGE_MODULE = Pattern.compile("ghcr\\.io/parley-chat/([\\w-]+):.*");
    private static final Pattern HOST_PORT = Pattern.compile("(?:^|//|,)([a-z][\\w-]*):(\\d+)");
    private static final Pattern HEALTHCHECK_TARGET = Pattern.compile("(?:/dev/tcp/(?:127\\.0\\.0\\.1|localhost)/|(?:127\\.0\\.0\\.1|localhost):)(\\d+)");

    private final Path repository;
    private final Map<String, Service> services;
    private final Map<String, Map<String, Object>> volumes;
    /** Parley's services in the file (built from, or named after, a module with an application.yml). */
    private final Map<String, ServiceModule> modules = new TreeMap<>();

    ComposeChecks(ComposeFile compose, Path repository) {
        this.repository = repository;
        this.services = compose.services();
        this.volumes = compose.volumes();
        services.values().forEach(service -> moduleOf(service)
                .ifPresent(module -> modules.put(service.name(), ServiceModule.read(repository, module))));
    }

    Set<String> parleyServices() {
        return modules.keySet();
    }

    /** The service's environment as its container sees it (shell variables of {@code docker compose} unset). */
    Map<String, String> environment(String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        services.get(service).environment().forEach((name, value) ->
                environment.put(name, value == null ? null : ComposeFile.interpolate(value, Map.of())));
        return environment;
    }

    int serverPort(String service) {
        return modules.get(service).serverPort(environment(service));
    }

    int managementPort(String service) {
        return modules.get(service).managementPort(environment(service));
    }

    /**
     * Every environment variable a service's configuration reads without a default, or with a default that
     * points at the service's own machine (localhost, 127.0.0.1 — wrong in a container), is set for it.
     */
    List<String> unsetVariables() {
        List<String> problems = new ArrayList<>();
        modules.forEach((service, module) -> {
            Map<String, String> environment = environment(service);
            module.placeholders().stream().filter(ServiceModule.Placeholder::isEnvironmentVariable).distinct().forEach(placeholder -> {
                boolean needed = placeholder.defaultValue().map(d -> d.contains("localhost") || d.contains("127.0.0.1")).orElse(true);
                if (needed && environment.get(placeholder.name()) == null) {
                    problems.add(service + " reads ${" + placeholder.name() + "} "
                            + placeholder.defaultValue().map(d -> "(default " + d + ", the container itself)").orElse("(no default)")
                            + " but the compose file does not set it");
                }
            });
        });
        return problems;
    }

    /**
     * kafka-init creates every topic with its retention, {@code cleanup.policy=delete} and the services'
     * partition count, idempotently; every Parley service that uses Kafka waits for it to complete.
     */
    List<String> topics(Map<String, Long> expectedRetention, int partitions) {
        List<String> problems = new ArrayList<>();
        Service init = services.get("kafka-init");
        if (init == null) {
            return List.of("no kafka-init service: with auto-create off, nobody creates "
                    + "the topics only consumers use (presence, signals)");
        }
        String command = ComposeFile.interpolate(init.commandLine(), Map.of());
        Map<String, Long> created = new TreeMap<>();
        Matcher topic = Pattern.compile("(parley\\.[\\w.-]+):(-?\\d+)").matcher(command);
        while (topic.find()) {
            created.put(topic.group(1), Long.parseLong(topic.group(2)));
        }
        expectedRetention.forEach((name, retention) -> {
            if (!created.containsKey(name)) {
                problems.add("kafka-init does not create " + name);
            } else if (created.get(name).longValue() != retention) {
                problems.add("kafka-init creates " + name + " with retention.ms " + created.get(name) + ", not " + retention);
            }
        });
        created.keySet().stream().filter(name -> !expectedRetention.containsKey(name))
                .forEach(name -> problems.add("kafka-init creates " + name + ", which is no topic of the contract"));
        requireIn(command, "kafka-init", problems, "--create", "--if-not-exists", "retention.ms=", "cleanup.policy=delete",
                "--partitions " + partitions);
        if (!init.image().equals(services.get("kafka").image())) {
            problems.add("kafka-init runs " + init.image().orElse("no image") + ", not Kafka's own image");
        }
        modules.forEach((service, module) -> {
            boolean usesKafka = module.configuration().get("spring") instanceof Map<?, ?> spring && spring.containsKey("kafka");
            if (usesKafka && !"service_completed_successfully".equals(services.get(service).dependsOn().get("kafka-init"))) {
                problems.add(service + " uses Kafka but does not wait for kafka-init to complete successfully");
            }
        });
        return problems;
    }

    /**
     * Each service listens on its contract port (server.port's default), and every address one service gives
     * another ({@code http://room-service:8082}, {@code kafka:9092}) names a service and the port it listens on.
     */
    List<String> ports() {
        List<String> problems = new ArrayList<>();
        modules.forEach((service, module) -> {
            int contractPort = module.serverPort(Map.of());
            if (serverPort(service) != contractPort) {
                problems.add(service + " listens on " + serverPort(service) + ", not its port " + contractPort);
            }
        });
        services.keySet().forEach(service -> environment(service).forEach((variable, value) -> {
            Matcher address = HOST_PORT.matcher(value == null ? "" : value);
            while (address.find()) {
                String host = address.group(1);
                int port = Integer.parseInt(address.group(2));
                Optional<java.util.Set<Integer>> listening = modules.containsKey(host)
                        ? Optional.of(modules.get(host).listeningPorts(environment(host)))
                        : Optional.ofNullable(services.containsKey(host) ? INFRASTRUCTURE_PORTS.get(host) : null)
                                .map(java.util.Set::of);
                if (listening.isEmpty() && !services.containsKey(host) && !host.equals("localhost")) {
                    problems.add(service + ": " + variable + " names " + host + ", which is no service of the file");
                } else if (listening.isPresent() && !listening.get().contains(port)) {
                    problems.add(service + ": " + variable + " points at " + host + ":" + port + ", but " + host
                            + " listens on " + listening.get().stream().map(String::valueOf)
                                    .collect(java.util.stream.Collectors.joining(" and ")));
                }
            }
        }));
        return problems;
    }

    /**
     * Only the public ports reach the host: {@code allowed} maps a service to the container port it may
     * publish and the host address it must bind ("" for any). Parley's management ports never do.
     */
    List<String> publishedPorts(Map<String, Map.Entry<Integer, String>> allowed) {
        List<String> problems = new ArrayList<>();
        services.values().forEach(service -> {
            for (PublishedPort port : service.ports()) {
                Map.Entry<Integer, String> permitted = allowed.get(service.name());
                if (permitted == null || permitted.getKey() != port.target()) {
                    problems.add(service.name() + " publishes its port " + port.target() + " on the host");
                } else if (!permitted.getValue().isEmpty() && !permitted.getValue().equals(port.hostIp())) {
                    problems.add(service.name() + " publishes " + port.target() + " on " + (port.hostIp().isEmpty()
                            ? "every address" : port.hostIp()) + ", not only on " + permitted.getValue());
                }
                if (modules.containsKey(service.name()) && port.target() == managementPort(service.name())
                        && managementPort(service.name()) != serverPort(service.name())) {
                    problems.add(service.name() + " publishes its management port " + port.target());
                }
            }
        });
        allowed.forEach((service, port) -> {
            if (modules.containsKey(service) && port.getKey() != serverPort(service)) {
                problems.add(service + "'s public port " + port.getKey() + " is not the port it listens on, "
                        + serverPort(service));
            }
        });
        return problems;
    }

    /**
     * Every long-running service has a healthcheck (one-shot jobs, which others wait to complete, need none);
     * every {@code service_healthy} dependency can become healthy. Parley's services check
     * {@code /actuator/health/readiness} on their management port with what their images have — a Java
     * runtime and the service's classpath, no shell, no curl or wget — by running service-starter's probe
     * class on the classpath file Jib writes into every image.
     */
    List<String> healthchecks() {
        List<String> problems = new ArrayList<>();
        Set<String> oneShot = new TreeSet<>();
        services.values().forEach(service -> service.dependsOn().forEach((dependency, condition) -> {
            if (condition.equals("service_completed_successfully")) {
                oneShot.add(dependency);
            }
        }));
        services.values().forEach(service -> {
            if (service.healthcheck().isEmpty() && !oneShot.contains(service.name())) {
                problems.add(service.name() + " has no healthcheck");
            }
            service.dependsOn().forEach((dependency, condition) -> {
                if (!services.containsKey(dependency)) {
                    problems.add(service.name() + " depends on " + dependency + ", which is no service of the file");
                } else if (condition.equals("service_healthy") && services.get(dependency).healthcheck().isEmpty()) {
                    problems.add(service.name() + " waits for " + dependency + " to be healthy, which has no healthcheck");
                }
            });
        });
        modules.keySet().forEach(service -> {
            List<String> test = services.get(service).healthcheckTest();
            if (test.isEmpty()) {
                return;
            }
            String check = ComposeFile.expandShell(ComposeFile.interpolate(String.join(" ", test), Map.of()), environment(service));
            if (!test.get(0).equals("CMD") || !test.get(1).equals("java")) {
                problems.add(service + "'s healthcheck runs " + (test.get(0).equals("CMD") ? test.get(1) : "a shell")
                        + ", but its image has only java");
            } else {
                int classpath = test.indexOf("-cp");
                if (classpath < 0 || !test.get(classpath + 1).equals(IMAGE_CLASSPATH) || test.size() < classpath + 3
                        || !test.get(classpath + 2).equals(PROBE_CLASS)) {
                    problems.add(service + "'s healthcheck does not run " + PROBE_CLASS + " on " + IMAGE_CLASSPATH);
                }
            }
            if (!check.contains("/actuator/health/readiness")) {
                problems.add(service + "'s healthcheck does not ask /actuator/health/readiness: " + check);
            }
            Matcher target = HEALTHCHECK_TARGET.matcher(check);
            if (!target.find()) {
                problems.add(service + "'s healthcheck names no local port: " + check);
            } else if (Integer.parseInt(target.group(1)) != managementPort(service)) {
                problems.add(service + "'s healthcheck asks port " + target.group(1) + ", but its management port is "
                        + managementPort(service));
            }
        });
        return problems;
    }

    /**
     * The platform's Redis evicts nothing, and message-service's recent-history cache has a Redis of its own, which
     * may evict any key (ADR 0028): {@code redis} runs with a {@code --maxmemory} and {@code noeviction},
     * {@code history-cache-redis} with a {@code --maxmemory} and {@code allkeys-lru}, and message-service's cache
     * points at the latter.
     */
    List<String> redisRoles() {
        List<String> problems = new ArrayList<>();
        Map.of("redis", "noeviction", "history-cache-redis", "allkeys-lru").forEach((service, policy) -> {
            if (!services.containsKey(service)) {
                problems.add("no service " + service);
                return;
            }
            List<String> command = services.get(service).definition().get("command") instanceof List<?> parts
                    ? parts.stream().map(Object::toString).toList() : List.of();
            if (!policy.equals(argumentAfter(command, "--maxmemory-policy"))) {
                problems.add(service + " runs with maxmemory-policy " + argumentAfter(command, "--maxmemory-policy")
                        + ", not " + policy);
            }
            if (argumentAfter(command, "--maxmemory") == null) {
                problems.add(service + " has no --maxmemory");
            }
        });
        String cacheHost = environment("message-service").get("HISTORY_CACHE_REDIS_HOST");
        if (!"history-cache-redis".equals(cacheHost)) {
            problems.add("message-service's recent-history cache is on " + (cacheHost == null
                    ? "the platform's Redis" : cacheHost) + ", not on history-cache-redis");
        }
        return problems;
    }

    private static String argumentAfter(List<String> command, String option) {
        int at = command.indexOf(option);
        return at < 0 || at + 1 >= command.size() ? null : command.get(at + 1);
    }

    /** Every Parley service logs one JSON object per line, as on Kubernetes. */
    List<String> structuredLogs() {
        List<String> problems = new ArrayList<>();
        modules.keySet().forEach(service -> {
            if (!"ecs".equals(environment(service).get("LOGGING_STRUCTURED_FORMAT_CONSOLE"))) {
                problems.add(service + " does not log structured JSON (LOGGING_STRUCTURED_FORMAT_CONSOLE: ecs)");
            }
        });
        return problems;
    }

    /**
     * The edge hands {@code /ws} connections to ws-gateway (ADR 0023), as {@code ./parley up} does: both name
     * the same socket, in a volume both mount, which belongs to the images' user ({@code uid:gid}) alone.
     */
    List<String> handover(String imageUser) {
        List<String> problems = new ArrayList<>();
        String edge = environment("api-gateway").get("PARLEY_WS_HANDOFF_SOCKET");
        String gateway = environment("ws-gateway").get("PARLEY_WS_HANDOFF_SOCKET");
        if (edge == null || edge.isEmpty() || !edge.equals(gateway)) {
            problems.add("api-gateway hands over at " + edge + " but ws-gateway listens at " + gateway);
            return problems;
        }
        Path folder = Path.of(edge).getParent();
        Set<String> shared = new TreeSet<>();
        for (String service : List.of("api-gateway", "ws-gateway")) {
            Optional<String> volume = services.get(service).volumeMounts().entrySet().stream()
                    .filter(mount -> folder.startsWith(mount.getValue())).map(Map.Entry::getKey).findFirst();
            if (volume.isEmpty()) {
                problems.add(service + " mounts no volume at " + folder + ", where the hand-over's socket is");
            }
            volume.ifPresent(shared::add);
        }
        if (shared.size() > 1) {
            problems.add("api-gateway and ws-gateway mount different volumes at " + folder + ": " + shared);
        }
        if (problems.isEmpty()) {
            String volume = shared.iterator().next();
            String options = String.valueOf(ComposeFile.map(volumes.get(volume)).get("driver_opts") instanceof Map<?, ?> opts
                    ? opts.get("o") : null);
            String[] ids = imageUser.split(":");
            Set<String> given = Set.copyOf(List.of(options.split(",")));
            if (!given.containsAll(Set.of("uid=" + ids[0], "gid=" + ids[1], "mode=0700"))) {
                problems.add("volume " + volume + " is mounted with " + options + ", not owned by the images' user "
                        + imageUser + " alone (uid=" + ids[0] + ",gid=" + ids[1] + ",mode=0700)");
            }
        }
        return problems;
    }

    /** Every file or folder the file mounts from the repository exists. */
    List<String> bindMounts() {
        List<String> problems = new ArrayList<>();
        services.values().forEach(service -> service.bindMounts().keySet().forEach(source -> {
            if (!Files.exists(repository.resolve(source).normalize())) {
                problems.add(service.name() + " mounts " + source + ", which does not exist");
            }
        }));
        return problems;
    }

    /**
     * Prometheus scrapes every Parley service under a job named after it, at {@code <service>:<management
     * port>/actuator/prometheus}, scrapes nothing that is not in the file, and its rule files are mounted.
     */
    List<String> prometheusScrapes(Map<String, Object> prometheus, String prometheusService) {
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> targetsByJob = new TreeMap<>();
        Map<String, String> pathByJob = new TreeMap<>();
        for (Object config : ComposeFile.list(prometheus.get("scrape_configs"))) {
            Map<String, Object> scrape = ComposeFile.map(config);
            String job = String.valueOf(scrape.get("job_name"));
            pathByJob.put(job, String.valueOf(scrape.getOrDefault("metrics_path", "/metrics")));
            List<String> targets = targetsByJob.computeIfAbsent(job, j -> new ArrayList<>());
            for (Object staticConfig : ComposeFile.list(scrape.get("static_configs"))) {
                ComposeFile.list(ComposeFile.map(staticConfig).get("targets")).forEach(t -> targets.add(t.toString()));
            }
        }
        modules.keySet().forEach(service -> {
            String expected = service + ":" + managementPort(service);
            if (!targetsByJob.containsKey(service)) {
                problems.add("Prometheus has no job " + service);
            } else {
                if (!targetsByJob.get(service).contains(expected)) {
                    problems.add("Prometheus job " + service + " scrapes " + targetsByJob.get(service) + ", not " + expected);
                }
                if (!"/actuator/prometheus".equals(pathByJob.get(service))) {
                    problems.add("Prometheus job " + service + " scrapes " + pathByJob.get(service) + ", not /actuator/prometheus");
                }
            }
        });
        targetsByJob.forEach((job, targets) -> targets.forEach(target -> {
            String host = target.split(":")[0];
            if (!services.containsKey(host)) {
                problems.add("Prometheus job " + job + " scrapes " + target + ", which is no service of the file");
            }
        }));
        for (Object ruleFile : ComposeFile.list(prometheus.get("rule_files"))) {
            Optional<Path> onHost = hostPath(prometheusService, ruleFile.toString());
            if (onHost.isEmpty() || !Files.isRegularFile(onHost.get())) {
                problems.add("Prometheus loads " + ruleFile + ", which no mount of " + prometheusService + " provides");
            }
        }
        return problems;
    }

    /** The repository file a container path of {@code service} comes from, through its bind mounts. */
    Optional<Path> hostPath(String service, String containerPath) {
        for (Map.Entry<String, String> mount : services.get(service).bindMounts().entrySet()) {
            String target = mount.getValue();
            if (containerPath.equals(target) || containerPath.startsWith(target + "/")) {
                return Optional.of(repository.resolve(mount.getKey()).resolve(containerPath.substring(target.length())
                        .replaceFirst("^/", "")).normalize());
            }
        }
        return Optional.empty();
    }

    private Optional<String> moduleOf(Service service) {
        Optional<String> module = service.module().or(() -> service.image()
                .map(IMAGE_MODULE::matcher).filter(Matcher::matches).map(m -> m.group(1)));
        return module.filter(name -> ServiceModule.isServiceModule(repository, name));
    }

    private static void requireIn(String command, String service, List<String> problems, String... parts) {
        for (String part : parts) {
            if (!command.contains(part)) {
                problems.add(service + "'s command lacks " + part);
            }
        }
    }
}
