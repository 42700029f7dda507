package dev.parley.deployment.compose;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A compose file as Docker Compose sees it: YAML with its anchors and {@code <<:} merge keys resolved,
 * {@code x-} extension fields aside, and the short forms (environment as a list, ports as strings)
 * read into one shape. Values keep their compose interpolation ({@code ${VAR:-default}}, {@code $$}).
 */
public record ComposeFile(Map<String, Object> root) {

    public static ComposeFile load(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return parse(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ComposeFile parse(Reader reader) {
        Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        return new ComposeFile(root);
    }

    public Map<String, Service> services() {
        Map<String, Service> services = new LinkedHashMap<>();
        map(root.get("services")).forEach((name, definition) -> services.put(name, new Service(name, map(definition))));
        return services;
    }

    /** The top-level named volumes: name → definition (empty for a plain local volume). */
    public Map<String, Map<String, Object>> volumes() {
        Map<String, Map<String, Object>> volumes = new LinkedHashMap<>();
        map(root.get("volumes")).forEach((name, definition) -> volumes.put(name, map(definition)));
        return volumes;
    }

    public Service service(String name) {
        return Optional.ofNullable(services().get(name))
                .orElseThrow(() -> new AssertionError("no service " + name + " in the compose file"));
    }

    /** One service's definition. */
    public record Service(String name, Map<String, Object> definition) {

        public Optional<String> image() {
            return Optional.ofNullable((String) definition.get("image"));
        }

        /** The module the service is built from ({@code build.args.MODULE}), if it is one of Parley's. */
        Optional<String> module() {
            Object build = definition.get("build");
            if (build instanceof Map<?, ?> buildMap && buildMap.get("args") instanceof Map<?, ?> args) {
                return Optional.ofNullable((String) args.get("MODULE"));
            }
            return Optional.empty();
        }

        /** {@code environment}, in map or list form; a variable without a value is {@code null}. */
        public Map<String, String> environment() {
            Map<String, String> environment = new LinkedHashMap<>();
            Object raw = definition.get("environment");
            if (raw instanceof Map<?, ?> entries) {
                entries.forEach((key, value) -> environment.put((String) key, value == null ? null : value.toString()));
            } else if (raw instanceof List<?> entries) {
                for (Object entry : entries) {
                    String[] parts = entry.toString().split("=", 2);
                    environment.put(parts[0], parts.length == 2 ? parts[1] : null);
                }
            }
            return environment;
        }

        /** Published ports, long or short syntax. */
        List<PublishedPort> ports() {
            List<PublishedPort> ports = new ArrayList<>();
            for (Object port : list(definition.get("ports"))) {
                if (port instanceof Map<?, ?> longSyntax) {
                    Object published = longSyntax.get("published");
                    ports.add(new PublishedPort(Optional.ofNullable((String) longSyntax.get("host_ip")).orElse(""),
                            published == null ? -1 : Integer.parseInt(published.toString()),
                            Integer.parseInt(longSyntax.get("target").toString())));
                } else {
                    ports.add(PublishedPort.parse(port.toString()));
                }
            }
            return ports;
        }

        /** {@code depends_on}: service → condition ({@code service_started} for the list form). */
        Map<String, String> dependsOn() {
            Map<String, String> dependencies = new LinkedHashMap<>();
            Object raw = definition.get("depends_on");
            if (raw instanceof Map<?, ?> entries) {
                entries.forEach((name, options) -> dependencies.put((String) name,
                        options instanceof Map<?, ?> o && o.get("condition") != null ? o.get("condition").toString()
                                : "service_started"));
            } else {
                list(raw).forEach(name -> dependencies.put(name.toString(), "service_started"));
            }
            return dependencies;
        }

        /**
         * The healthcheck's {@code test} as Docker runs it: the list form as written ({@code CMD …} or
         * {@code CMD-SHELL …}), the string form as {@code CMD-SHELL <string>}; empty without one.
         */
        public List<String> healthcheckTest() {
            if (!(definition.get("healthcheck") instanceof Map<?, ?> healthcheck) || Boolean.TRUE.equals(healthcheck.get("disable"))) {
                return List.of();
            }
            Object test = healthcheck.get("test");
            if (test instanceof List<?> parts) {
                return parts.isEmpty() || "NONE".equals(parts.get(0)) ? List.of() : parts.stream().map(Object::toString).toList();
            }
            return test == null ? List.of() : List.of("CMD-SHELL", test.toString());
        }

        /** The healthcheck's command as one string (without {@code CMD}/{@code CMD-SHELL}), if any. */
        Optional<String> healthcheck() {
            List<String> test = healthcheckTest();
            return test.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", test.subList(1, test.size())));
        }

        /** Named volumes: volume name → container path. */
        Map<String, String> namedVolumes() {
            Map<String, String> volumes = new LinkedHashMap<>();
            for (Object volume : list(definition.get("volumes"))) {
                if (volume instanceof Map<?, ?> longSyntax) {
                    if ("volume".equals(longSyntax.get("type"))) {
                        volumes.put(longSyntax.get("source").toString(), longSyntax.get("target").toString());
                    }
                } else {
                    String[] parts = volume.toString().split(":");
                    if (!parts[0].startsWith(".") && !parts[0].startsWith("/") && parts.length > 1) {
                        volumes.put(parts[0], parts[1]);
                    }
                }
            }
            return volumes;
        }

        /** {@code entrypoint} and {@code command}, joined: what the container runs. */
        String commandLine() {
            List<String> parts = new ArrayList<>();
            for (String key : List.of("entrypoint", "command")) {
                Object value = definition.get(key);
                if (value instanceof List<?> items) {
                    items.forEach(item -> parts.add(item.toString()));
                } else if (value != null) {
                    parts.add(value.toString());
                }
            }
            return String.join(" ", parts);
        }

        /** Named volumes mounted: volume name → container path. */
        public Map<String, String> volumeMounts() {
            return mounts("volume");
        }

        /** Bind mounts: host path (as written, e.g. {@code ./k8s/x.sql}) → container path. */
        public Map<String, String> bindMounts() {
            return mounts("bind");
        }

        /** The mounts of one type, source as written → container path; in the short form a path is a bind. */
        private Map<String, String> mounts(String type) {
            Map<String, String> mounts = new LinkedHashMap<>();
            for (Object volume : list(definition.get("volumes"))) {
                if (volume instanceof Map<?, ?> longSyntax) {
                    if (type.equals(longSyntax.get("type"))) {
                        mounts.put(longSyntax.get("source").toString(), longSyntax.get("target").toString());
                    }
                } else {
                    String[] parts = volume.toString().split(":");
                    boolean path = parts[0].startsWith(".") || parts[0].startsWith("/");
                    if (parts.length > 1 && type.equals(path ? "bind" : "volume")) {
                        mounts.put(parts[0], parts[1]);
                    }
                }
            }
            return mounts;
        }
    }

    /** A port published on the host: {@code [host_ip:]published:target}. */
    record PublishedPort(String hostIp, int published, int target) {

        private static final Pattern SHORT = Pattern.compile("(?:(?<ip>\\d+\\.\\d+\\.\\d+\\.\\d+|\\[[^\\]]+]):)?(?:(?<published>\\d+):)?(?<target>\\d+)(?:/\\w+)?");

        static PublishedPort parse(String spec) {
            Matcher matcher = SHORT.matcher(spec);
            if (!matcher.matches()) {
                throw new AssertionError("a port the checks cannot read: " + spec);
            }
            String published = matcher.group("published");
            return new PublishedPort(Optional.ofNullable(matcher.group("ip")).orElse(""),
                    published == null ? -1 : Integer.parseInt(published), Integer.parseInt(matcher.group("target")));
        }
    }

    private static final Pattern COMPOSE_VARIABLE =
            Pattern.compile("\\$\\$|\\$\\{(\\w+)(?:(:?[-?+])([^}]*))?}|\\$(\\w+)");
    private static final Pattern SHELL_VARIABLE = Pattern.compile("\\$\\{(\\w+)(?:(:?[-?+])([^${}]*))?}|\\$(\\w+)");

    /**
     * Compose's interpolation of a value: {@code $$} is a literal {@code $}; {@code ${VAR:-default}} is the
     * variable from {@code shell} or its default; {@code ${VAR:?message}} must come from the shell, so without
     * it it stands as {@code <VAR>} (set, value unknown).
     */
    public static String interpolate(String value, Map<String, String> shell) {
        return COMPOSE_VARIABLE.matcher(value).replaceAll(match -> Matcher.quoteReplacement(
                match.group().equals("$$") ? "$" : substitute(match, shell)));
    }

    /** A shell's expansion of {@code ${VAR}}, {@code ${VAR:-default}} (nested too) and {@code $VAR} in a container. */
    static String expandShell(String value, Map<String, String> environment) {
        String previous;
        String current = value;
        do {
            previous = current;
            current = SHELL_VARIABLE.matcher(previous).replaceAll(match -> Matcher.quoteReplacement(substitute(match, environment)));
        } while (!current.equals(previous));
        return current;
    }

    private static String substitute(java.util.regex.MatchResult match, Map<String, String> variables) {
        String name = match.group(1) != null ? match.group(1) : match.group(4);
        String operator = match.group(1) != null && match.group(2) != null ? match.group(2) : "";
        String argument = match.group(1) != null && match.group(3) != null ? match.group(3) : "";
        String value = variables.get(name);
        boolean set = operator.startsWith(":") ? value != null && !value.isEmpty() : value != null;
        return switch (operator.replace(":", "")) {
            case "-" -> set ? value : argument;
            case "?" -> set ? value : "<" + name + ">";
            case "+" -> set ? argument : "";
            default -> value == null ? "" : value;
        };
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }
}
