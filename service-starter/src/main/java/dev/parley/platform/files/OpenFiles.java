package dev.parley.platform.files;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/**
 * How many long-lived connections a process may hold: each is an open file (two for a relayed one), and a
 * process out of files fails everything else it does — its HTTP API, its Kafka and Redis connections, its
 * logs. So a connection cap leaves {@link #RESERVED} files for the rest.
 */
public final class OpenFiles {

    /** Files kept for everything but the capped connections. */
    public static final int RESERVED = 1024;

    private OpenFiles() {
    }

    /** This process's open-file limit; unbounded where the JVM cannot tell. */
    public static long limit() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : Integer.MAX_VALUE;
    }

    /** The connections that fit under {@code limit} after the reserve, at {@code filesEach} files a connection; at least one. */
    public static int connectionsFor(long limit, int filesEach) {
        return (int) Math.clamp((limit - RESERVED) / filesEach, 1, Integer.MAX_VALUE);
    }
}
