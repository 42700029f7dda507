package dev.parley.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's options: {@code --name value} or {@code --name=value} pairs from the command line, each
 * read with the default of the workload asking for it; what was used ends up in the result.
 */
public final class BenchOptions {

    private final Map<String, String> given;
    private final Map<String, Object> used = new TreeMap<>();

    public BenchOptions(Map<String, String> given) {
        this.given = new LinkedHashMap<>(given);
    }

    public static BenchOptions parse(String[] args, int from) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument " + arg + " (options are --name value)");
            }
            int equals = arg.indexOf('=');
            if (equals > 0) {
                given.put(arg.substring(2, equals), arg.substring(equals + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                given.put(arg.substring(2), args[++i]);
            } else {
                given.put(arg.substring(2), "true");
            }
        }
        return new BenchOptions(given);
    }

    public BenchOptions with(String name, String value) {
        BenchOptions copy = new BenchOptions(given);
        copy.given.put(name, value);
        return copy;
    }

    public String string(String name, String defaultValue) {
        String value = given.getOrDefault(name, defaultValue);
        used.put(name, value);
        return value;
    }

    public int integer(String name, int defaultValue) {
        int value = Integer.parseInt(given.getOrDefault(name, Integer.toString(defaultValue)).replace("_", ""));
        used.put(name, value);
        return value;
    }

    public double decimal(String name, double defaultValue) {
        double value = Double.parseDouble(given.getOrDefault(name, Double.toString(defaultValue)));
        used.put(name, value);
        return value;
    }

    /** Seconds, or a number with a unit: {@code 30}, {@code 30s}, {@code 500ms}, {@code 2m}. */
    public Duration duration(String name, Duration defaultValue) {
        String text = given.get(name);
        Duration value = text == null ? defaultValue
                : text.endsWith("ms") ? Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)))
                : text.endsWith("m") ? Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)))
                : Duration.ofMillis(Math.round(Double.parseDouble(text.replace("s", "")) * 1000));
        used.put(name, value.toMillis() % 1000 == 0 ? value.toSeconds() + "s" : value.toMillis() + "ms");
        return value;
    }

    public boolean flag(String name) {
        boolean value = Boolean.parseBoolean(given.getOrDefault(name, "false"));
        used.put(name, value);
        return value;
    }

    public boolean has(String name) {
        return given.containsKey(name);
    }

    /** Every option a workload read, with the value it used. */
    public Map<String, Object> used() {
        return new TreeMap<>(used);
    }

    /** Options given but never read: most likely mistyped. */
    public java.util.Set<String> unread() {
        java.util.Set<String> unread = new java.util.TreeSet<>(given.keySet());
        unread.removeAll(used.keySet());
        return unread;
    }
}
