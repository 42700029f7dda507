package dev.parley.infra.launcher;

import java.util.ArrayList;
import java.util.List;

/** The JVM options every Java process of a local platform starts with (and the bench's ceiling server, alike). */
public final class JvmDefaults {

    /** Compact object headers (JEP 519) are a product option from JDK 25 on: 8-byte headers, less heap. */
    private static final boolean COMPACT_HEADERS = Runtime.version().feature() >= 25;

    private JvmDefaults() {
    }

    /** Exit on the first OutOfMemoryError (a restart beats a half-working process); compact headers where supported. */
    public static List<String> options() {
        List<String> options = new ArrayList<>(List.of("-XX:+ExitOnOutOfMemoryError"));
        if (COMPACT_HEADERS) {
            options.add("-XX:+UseCompactObjectHeaders");
        }
        return options;
    }
}
