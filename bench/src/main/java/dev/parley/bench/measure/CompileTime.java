package dev.parley.bench.measure;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How long a running JVM has spent compiling with its JIT, read from its performance-data file
 * ({@code /tmp/hsperfdata_<user>/<pid>}, kept by every HotSpot JVM unless started with {@code -XX:-UsePerfData}) —
 * what {@code jstat -compiler} reads, without attaching to the process or starting a tool.
 */
public final class CompileTime {

    private static final int MAGIC = 0xcafec0c0;
    private static final String TOTAL_TIME = "java.ci.totalTime";
    private static final String TICKS_PER_SECOND = "sun.os.hrt.frequency";

    private CompileTime() {
    }

    /** The JIT's total compile time of {@code process}; empty when it is no HotSpot JVM or already gone. */
    public static Optional<Duration> of(ProcessHandle process) {
        String user = process.info().user().orElse(System.getProperty("user.name"));
        return read(Path.of("/tmp", "hsperfdata_" + user, Long.toString(process.pid())));
    }

    /** The compile time recorded in a performance-data file; empty when it is missing or not one. */
    static Optional<Duration> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return Optional.empty();
        }
        // the prologue: magic (big-endian), byte order of the rest, versions, used, overflow, time stamp,
        // then where the entries start and how many there are
        ByteBuffer data = ByteBuffer.wrap(bytes);
        if (bytes.length < 32 || data.getInt(0) != MAGIC) {
            return Optional.empty();
        }
        data.order(bytes[4] == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        long ticks = -1;
        long ticksPerSecond = -1;
        int entry = data.getInt(24);
        for (int i = data.getInt(28); i > 0 && entry > 0 && entry + 20 <= bytes.length; i--) {
            int length = data.getInt(entry);
            String name = name(bytes, entry + data.getInt(entry + 4));
            boolean scalarLong = data.get(entry + 12) == 'J' && data.getInt(entry + 8) == 0;
            int value = entry + data.getInt(entry + 16);
            boolean readable = scalarLong && value >= 0 && value + 8 <= bytes.length;
            if (readable && name.equals(TOTAL_TIME)) {
                ticks = data.getLong(value);
            } else if (readable && name.equals(TICKS_PER_SECOND)) {
                ticksPerSecond = data.getLong(value);
            }
            if (length <= 0) {
                break;
            }
            entry += length;
        }
        if (ticks < 0 || ticksPerSecond <= 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos((long) (ticks * (1e9 / ticksPerSecond))));
    }

    private static String name(byte[] bytes, int at) {
        if (at < 0 || at >= bytes.length) {
            return "";
        }
        int end = at;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, at, end - at, StandardCharsets.US_ASCII);
    }
}
