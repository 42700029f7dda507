package dev.parley.deployment.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** What a service module's {@code src/main/resources/application*.yml} reads from its environment. */
record ServiceModule(String name, List<Placeholder> placeholders, Map<String, Object> configuration) {

    /** {@code ${NAME}} or {@code ${NAME:default}} in the module's configuration. */
    record Placeholder(String name, Optional<String> defaultValue) {

        /** Spring reads environment variables for upper-case names; lower-case ones are properties. */
        boolean isEnvironmentVariable() {
            return name.equals(name.toUpperCase(java.util.Locale.ROOT));
        }
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^:}]+)(?::([^}]*))?}");

    static ServiceModule read(Path repository, String module) {
        Path resources = repository.resolve(module).resolve("src/main/resources");
        List<Placeholder> placeholders = new ArrayList<>();
        Map<String, Object> configuration = Map.of();
        try (Stream<Path> files = Files.list(resources)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("application.*\\.ya?ml")).sorted().toList()) {
                String text = Files.readString(file);
                Matcher matcher = PLACEHOLDER.matcher(text);
                while (matcher.find()) {
                    placeholders.add(new Placeholder(matcher.group(1).strip(), Optional.ofNullable(matcher.group(2))));
                }
                if (file.getFileName().toString().startsWith("application.")) {
                    configuration = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ServiceModule(module, List.copyOf(placeholders), configuration);
    }

    static boolean isServiceModule(Path repository, String module) {
        return Files.isRegularFile(repository.resolve(module).resolve("src/main/resources/application.yml"));
    }

    /** The port the service listens on in this environment: {@code server.port}, resolved. */
    int serverPort(Map<String, String> environment) {
        return resolvePort("server.port", environment)
                .orElseThrow(() -> new AssertionError(name + " has no server.port in application.yml"));
    }

    /**
     * Every port the service listens on: {@code server.port}, and ws-gateway's WebSocket listener
     * ({@code parley.ws.server.port}, ADR 0022) where the service has one.
     */
    java.util.Set<Integer> listeningPorts(Map<String, String> environment) {
        java.util.Set<Integer> ports = new java.util.TreeSet<>();
        ports.add(serverPort(environment));
        resolvePort("parley.ws.server.port", environment).ifPresent(ports::add);
        return ports;
    }

    /** {@code management.server.port} if set (here or by the environment), else the server port. */
    int managementPort(Map<String, String> environment) {
        String variable = "MANAGEMENT_SERVER_PORT";
        if (environment.get(variable) != null) {
            return Integer.parseInt(environment.get(variable));
        }
        return resolvePort("management.server.port", environment).orElseGet(() -> serverPort(environment));
    }

    private Optional<Integer> resolvePort(String property, Map<String, String> environment) {
        String relaxedName = property.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
        if (environment.get(relaxedName) != null) {
            return Optional.of(Integer.parseInt(environment.get(relaxedName)));
        }
        Object value = configuration;
        for (String key : property.split("\\.")) {
            value = value instanceof Map<?, ?> map ? map.get(key) : null;
        }
        if (value == null) {
            return Optional.empty();
        }
        Matcher matcher = PLACEHOLDER.matcher(value.toString());
        if (matcher.matches()) {
            String fromEnvironment = environment.get(matcher.group(1));
            return Optional.of(Integer.parseInt(fromEnvironment != null ? fromEnvironment : matcher.group(2)));
        }
        return Optional.of(Integer.parseInt(value.toString()));
    }
}
