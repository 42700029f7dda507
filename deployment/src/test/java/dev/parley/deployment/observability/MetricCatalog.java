package dev.parley.deployment.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A list of metric names and the services that export them ({@code exported-metrics.txt}, or
 * {@code proposed-metrics.txt} for names no service exports yet): {@code <services> <name>} per line,
 * services comma-separated or {@code *}; {@code #} starts a comment. system-tests' DashboardMetricsTests
 * reads the same files.
 */
record MetricCatalog(Map<String, Set<String>> servicesByName) {

    static final List<String> SERVICES = List.of("auth-service", "room-service", "message-service", "ws-gateway", "api-gateway");

    static MetricCatalog read(Path file) {
        try {
            Map<String, Set<String>> names = new TreeMap<>();
            for (String line : Files.readAllLines(file)) {
                String content = line.replaceFirst("#.*", "").strip();
                if (content.isEmpty()) {
                    continue;
                }
                String[] fields = content.split("\\s+");
                if (fields.length != 2) {
                    throw new IllegalArgumentException(file + ": not \"<services> <name>\": " + line);
                }
                List<String> services = fields[0].equals("*") ? SERVICES : Arrays.asList(fields[0].split(","));
                if (!SERVICES.containsAll(services)) {
                    throw new IllegalArgumentException(file + ": unknown service in " + line);
                }
                names.computeIfAbsent(fields[1], name -> new TreeSet<>()).addAll(services);
            }
            return new MetricCatalog(names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Set<String> names() {
        return servicesByName.keySet();
    }
}
